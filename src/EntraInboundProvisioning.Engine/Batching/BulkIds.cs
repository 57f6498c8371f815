using System.Security.Cryptography;
using System.Text;

namespace EntraInboundProvisioning.Engine.Batching;

/// <summary>
/// bulkIds derived from externalIds (a name-based UUID, RFC 4122 version 5), so that the same input gives the same
/// JSON run after run and an operation can be traced to its worker.
/// </summary>
public static class BulkIds
{
    private static readonly byte[] Namespace = Guid.Parse("3f0e6a52-5c1d-4c55-9a8e-6b7f0c2d4e91").ToByteArray(bigEndian: true);

    public static string FromExternalId(string externalId)
    {
        byte[] name = Encoding.UTF8.GetBytes(externalId);
        byte[] input = new byte[Namespace.Length + name.Length];
        Namespace.CopyTo(input, 0);
        name.CopyTo(input, Namespace.Length);
        byte[] hash = SHA1.HashData(input);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString();
    }
}
