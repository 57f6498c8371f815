namespace EntraInboundProvisioning.Engine.Batching;

/// <summary>
/// bulkIds derived from externalIds, GUID-shaped as the service's examples are (an RFC 9562 version 8 UUID over two
/// FNV-1a hashes), so that the same input gives the same JSON run after run. Uniqueness within a request, not
/// secrecy, is all a bulkId needs, so no cryptographic hash is spent on it.
/// </summary>
public static class BulkIds
{
    public static string FromExternalId(string externalId)
    {
        ulong high = 14695981039346656037UL;
        ulong low = 0x84222325CBF29CE4UL;
        foreach (char c in externalId)
        {
            high = (high ^ c) * 1099511628211UL;
            low = (low ^ c) * 0x100000001B3UL ^ (low >> 29);
        }
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, high);
        BitConverter.TryWriteBytes(bytes[8..], low);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString();
    }
}
