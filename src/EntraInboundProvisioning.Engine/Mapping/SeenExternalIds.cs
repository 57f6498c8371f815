using System.Text;

namespace EntraInboundProvisioning.Engine.Mapping;

/// <summary>
/// The externalIds a conversion has seen and where each was first seen, for duplicate errors. It is what grows with
/// the input: a million ids as strings in a Dictionary hold about 90 MB; here their UTF-8 bytes lie in 64 KB chunks
/// behind an open-addressing index, about 35 MB.
/// </summary>
internal sealed class SeenExternalIds
{
    private const int ChunkSize = 1 << 16;
    private const int LineBits = 40;

    private readonly List<byte[]> _text = [];
    private readonly List<Entry[]> _entries = [];
    private readonly List<string?> _files = [];
    private int[] _buckets = new int[1 << 10];
    private int _textUsed;
    private byte[] _probe = new byte[256];

    public int Count { get; private set; }

    /// <summary>Adds the id; false, with where it was first seen, when it was seen before.</summary>
    public bool TryAdd(string externalId, string? file, long line, out (string? File, long Line) first)
    {
        int length = Encoding.UTF8.GetByteCount(externalId);
        if (_probe.Length < length)
        {
            _probe = new byte[Math.Max(length, _probe.Length * 2)];
        }
        ReadOnlySpan<byte> key = _probe.AsSpan(0, Encoding.UTF8.GetBytes(externalId, _probe));
        int hash = externalId.GetHashCode(StringComparison.Ordinal);
        int mask = _buckets.Length - 1;
        int slot = hash & mask;
        for (; _buckets[slot] != 0; slot = (slot + 1) & mask)
        {
            ref Entry entry = ref At(_buckets[slot] - 1);
            if (entry.Hash == hash && _text[entry.Chunk].AsSpan(entry.Offset, entry.Length).SequenceEqual(key))
            {
                first = (_files[(int)(entry.Where >> LineBits)], entry.Where & ((1L << LineBits) - 1));
                return false;
            }
        }
        first = default;
        Add(key, hash, file, line);
        return true;
    }

    private void Add(ReadOnlySpan<byte> key, int hash, string? file, long line)
    {
        if (_text.Count == 0 || _textUsed + key.Length > _text[^1].Length)
        {
            _text.Add(new byte[Math.Max(ChunkSize, key.Length)]);
            _textUsed = 0;
        }
        key.CopyTo(_text[^1].AsSpan(_textUsed));
        if (_files.Count == 0 || _files[^1] != file)
        {
            _files.Add(file);
        }
        if (Count % ChunkSize == 0)
        {
            _entries.Add(new Entry[ChunkSize]);
        }
        At(Count) = new Entry(_text.Count - 1, _textUsed, key.Length, hash, ((long)(_files.Count - 1) << LineBits) | Math.Clamp(line, 0, (1L << LineBits) - 1));
        _textUsed += key.Length;
        Count++;
        if (Count * 2 > _buckets.Length)
        {
            Grow();
        }
        else
        {
            Place(_buckets, Count - 1, hash);
        }
    }

    private void Grow()
    {
        var buckets = new int[_buckets.Length * 2];
        for (int i = 0; i < Count; i++)
        {
            Place(buckets, i, At(i).Hash);
        }
        _buckets = buckets;
    }

    private static void Place(int[] buckets, int index, int hash)
    {
        int mask = buckets.Length - 1;
        int slot = hash & mask;
        while (buckets[slot] != 0)
        {
            slot = (slot + 1) & mask;
        }
        buckets[slot] = index + 1;
    }

    private ref Entry At(int index) => ref _entries[index / ChunkSize][index % ChunkSize];

    private readonly record struct Entry(int Chunk, int Offset, int Length, int Hash, long Where);
}
