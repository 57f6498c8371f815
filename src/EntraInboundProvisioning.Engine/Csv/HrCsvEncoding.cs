using System.Text;

namespace EntraInboundProvisioning.Engine.Csv;

/// <summary>The encodings HR exports come in, by the names admins use for them.</summary>
public static class HrCsvEncoding
{
    public static readonly IReadOnlyList<string> Names =
        ["utf8", "utf-8", "utf16", "utf-16", "unicode", "bigendianunicode", "windows-1252", "1252", "latin1", "iso-8859-1"];

    static HrCsvEncoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Resolves a name to an encoding; throws an ArgumentException that lists the names it knows.</summary>
    public static Encoding Resolve(string name) => name.Trim().ToLowerInvariant() switch
    {
        "utf8" or "utf-8" => new UTF8Encoding(false),
        "utf16" or "utf-16" or "unicode" => Encoding.Unicode,
        "bigendianunicode" or "utf-16be" => Encoding.BigEndianUnicode,
        "windows-1252" or "1252" or "cp1252" => Encoding.GetEncoding(1252),
        "latin1" or "latin-1" or "iso-8859-1" => Encoding.Latin1,
        _ => throw new ArgumentException(
            $"The encoding '{name}' is not one that HR exports use here; use one of: {string.Join(", ", Names)}.", nameof(name)),
    };
}
