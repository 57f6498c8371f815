using System.Text;

namespace EntraInboundProvisioning.Engine.Tests;

/// <summary>A file with the given content that is deleted when the test ends.</summary>
internal sealed class TempFile : IDisposable
{
    public TempFile(string content, Encoding? encoding = null, string extension = ".csv")
        : this((encoding ?? new UTF8Encoding(false)).GetPreamble().Concat((encoding ?? new UTF8Encoding(false)).GetBytes(content)).ToArray(), extension)
    {
    }

    public TempFile(byte[] bytes, string extension = ".csv")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"eip-{Guid.NewGuid():N}{extension}");
        File.WriteAllBytes(Path, bytes);
    }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}
