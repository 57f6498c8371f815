using System.Buffers;
using System.IO.Compression;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EntraInboundProvisioning.Engine.Sync;

/// <summary>A user's JSON as the state keeps it (Brotli), and the disable of a leaver made from it.</summary>
public static class UserJson
{
    public static byte[] Compress(ReadOnlySpan<byte> utf8Json)
    {
        byte[] buffer = new byte[BrotliEncoder.GetMaxCompressedLength(utf8Json.Length)];
        if (!BrotliEncoder.TryCompress(utf8Json, buffer, out int written, quality: 5, window: 22))
        {
            throw new InvalidOperationException("A user's JSON could not be compressed.");
        }
        return buffer[..written];
    }

    public static byte[] Decompress(byte[] compressed)
    {
        using var input = new MemoryStream(compressed);
        using var brotli = new BrotliStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream(compressed.Length * 4);
        brotli.CopyTo(output);
        return output.ToArray();
    }

    /// <summary>The same user with active = false: every other attribute is kept, since Entra clears omitted ones.</summary>
    public static byte[] Deactivated(ReadOnlySpan<byte> utf8Json) => WithActive(utf8Json, false);

    /// <summary>The same user with active set as given, every other attribute kept.</summary>
    public static byte[] WithActive(ReadOnlySpan<byte> utf8Json, bool active)
    {
        JsonObject user = JsonNode.Parse(utf8Json)!.AsObject();
        string key = user.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, "active", StringComparison.OrdinalIgnoreCase)) ?? "active";
        user[key] = active;
        var buffer = new ArrayBufferWriter<byte>(utf8Json.Length + 16);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            user.WriteTo(writer);
        }
        return buffer.WrittenSpan.ToArray();
    }
}
