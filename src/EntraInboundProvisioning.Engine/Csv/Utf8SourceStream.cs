using System.Text;
using System.Text.Unicode;

namespace EntraInboundProvisioning.Engine.Csv;

/// <summary>
/// Gives an HR export to the CSV reader as UTF-8 (transcoding other encodings; a byte order mark wins over the named
/// encoding) and records the offset, in the UTF-8 it gives, of every byte that is not valid in the encoding, so that
/// the reader can reject exactly the records they are in. Invalid UTF-8 is passed on at the same offsets with each
/// bad byte turned into U+001A (SUBSTITUTE), so that nothing downstream decodes it into text.
/// </summary>
internal sealed class Utf8SourceStream : Stream
{
    private const int ChunkSize = 1 << 16;
    private const byte Substitute = 0x1A;

    private readonly Stream _source;
    private readonly Decoder? _decoder;
    private readonly Encoder? _encoder;
    private readonly FlaggingDecoderFallback? _fallback;
    private byte[] _raw = new byte[ChunkSize];
    private readonly char[] _chars;
    private byte[] _buffer = new byte[ChunkSize];
    private int _rawCarry;
    private int _start;
    private int _end;
    private long _bufferOffset;
    private bool _sourceDone;

    public Utf8SourceStream(Stream source, Encoding? encoding)
    {
        _source = source;
        int rawLength = ReadFully(_raw, 0, _raw.Length);
        (Encoding? byBom, int bomLength) = ByteOrderMark(_raw.AsSpan(0, rawLength));
        Encoding chosen = byBom ?? encoding ?? Encoding.UTF8;
        if (byBom is null && chosen.CodePage is not (1200 or 1201 or 12000 or 12001))
        {
            Utf16WithoutBom = GuessUtf16(_raw.AsSpan(0, rawLength));
        }
        _rawCarry = rawLength;
        if (bomLength > 0)
        {
            _raw.AsSpan(bomLength, rawLength - bomLength).CopyTo(_raw);
            _rawCarry -= bomLength;
        }
        if (chosen.CodePage != Encoding.UTF8.CodePage)
        {
            _fallback = new FlaggingDecoderFallback();
            _decoder = Encoding.GetEncoding(chosen.CodePage, EncoderFallback.ReplacementFallback, _fallback).GetDecoder();
            _encoder = new UTF8Encoding(false).GetEncoder();
            _chars = new char[ChunkSize];
        }
        else
        {
            _chars = [];
        }
        EncodingName = chosen.WebName;
    }

    /// <summary>The web name of the encoding the input is read in.</summary>
    public string EncodingName { get; }

    /// <summary>UTF-16 (little or big endian) when the input has no byte order mark but looks like it; else null.</summary>
    public Encoding? Utf16WithoutBom { get; }

    /// <summary>The UTF-8 offsets of invalid input, in order, that no record has claimed yet.</summary>
    public Queue<long> InvalidOffsets { get; } = new();

    /// <summary>The UTF-8 offset of the next byte that <see cref="Read(Span{byte})"/> gives.</summary>
    public long Offset => _bufferOffset + _start;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length && (_start < _end || Fill()))
        {
            int n = Math.Min(buffer.Length - total, _end - _start);
            _buffer.AsSpan(_start, n).CopyTo(buffer[total..]);
            _start += n;
            total += n;
        }
        return total;
    }

    public override int ReadByte() => _start < _end || Fill() ? _buffer[_start++] : -1;

    /// <summary>The next byte without consuming it, or -1 at the end.</summary>
    public int PeekByte() => _start < _end || Fill() ? _buffer[_start] : -1;

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private bool Fill()
    {
        _bufferOffset += _end;
        _start = _end = 0;
        while (_end == 0)
        {
            if (_sourceDone && _rawCarry == 0)
            {
                return false;
            }
            int room = _raw.Length - _rawCarry;
            int read = _sourceDone || room == 0 ? 0 : ReadFully(_raw, _rawCarry, room);
            _sourceDone |= read < room;
            int available = _rawCarry + read;
            if (_decoder is null)
            {
                FillUtf8(available);
            }
            else
            {
                FillTranscoded(available);
            }
        }
        return true;
    }

    private void FillUtf8(int available)
    {
        int complete = _sourceDone ? available : available - IncompleteTail(_raw.AsSpan(0, available));
        Span<byte> chunk = _raw.AsSpan(0, complete);
        if (!Utf8.IsValid(chunk))
        {
            MarkInvalidUtf8(chunk);
        }
        // Swap rather than copy: the validated chunk becomes what Read gives, and the carry moves to the other array.
        byte[] spare = _buffer;
        _rawCarry = available - complete;
        _raw.AsSpan(complete, _rawCarry).CopyTo(spare);
        _buffer = _raw;
        _raw = spare;
        _end = complete;
    }

    private void MarkInvalidUtf8(Span<byte> chunk)
    {
        int i = 0;
        while (i < chunk.Length)
        {
            i += AsciiPrefix(chunk[i..]);
            if (i >= chunk.Length)
            {
                break;
            }
            System.Buffers.OperationStatus status = System.Text.Rune.DecodeFromUtf8(chunk[i..], out _, out int consumed);
            if (status == System.Buffers.OperationStatus.Done)
            {
                i += consumed;
                continue;
            }
            InvalidOffsets.Enqueue(_bufferOffset + i);
            chunk.Slice(i, Math.Max(consumed, 1)).Fill(Substitute);
            i += Math.Max(consumed, 1);
        }
    }

    private static int AsciiPrefix(ReadOnlySpan<byte> span)
    {
        int ascii = span.IndexOfAnyInRange((byte)0x80, (byte)0xFF);
        return ascii < 0 ? span.Length : ascii;
    }

    private void FillTranscoded(int available)
    {
        int before = _fallback!.Count;
        _decoder!.Convert(_raw, 0, available, _chars, 0, _chars.Length, _sourceDone, out int bytesUsed, out int charsUsed, out _);
        _raw.AsSpan(bytesUsed, available - bytesUsed).CopyTo(_raw);
        _rawCarry = available - bytesUsed;
        int needed = Encoding.UTF8.GetMaxByteCount(charsUsed);
        if (_buffer.Length < needed)
        {
            _buffer = new byte[needed];
        }
        ReadOnlySpan<char> chars = _chars.AsSpan(0, charsUsed);
        _end = _encoder!.GetBytes(chars, _buffer, _sourceDone && _rawCarry == 0);
        if (_fallback.Count != before)
        {
            // The fallback wrote U+FFFD for each invalid sequence. The code pages cannot hold a U+FFFD of their own;
            // in UTF-16 or UTF-32 one that shares a 64 KB chunk with invalid input is taken for invalid too.
            long offset = _bufferOffset;
            int from = 0;
            int next;
            while ((next = chars[from..].IndexOf('\uFFFD')) >= 0)
            {
                offset += Encoding.UTF8.GetByteCount(chars.Slice(from, next));
                InvalidOffsets.Enqueue(offset);
                offset += 3;
                from += next + 1;
            }
        }
    }

    // The bytes at the end that begin a multi-byte sequence which the next read completes.
    private static int IncompleteTail(ReadOnlySpan<byte> span)
    {
        for (int back = 1; back <= Math.Min(3, span.Length); back++)
        {
            byte b = span[^back];
            if ((b & 0xC0) == 0x80)
            {
                continue;
            }
            int length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return length > back ? back : 0;
        }
        return 0;
    }

    private int ReadFully(byte[] buffer, int offset, int count)
    {
        int total = 0;
        while (total < count)
        {
            int n = _source.Read(buffer, offset + total, count - total);
            if (n == 0)
            {
                break;
            }
            total += n;
        }
        return total;
    }

    private static (Encoding? Encoding, int Length) ByteOrderMark(ReadOnlySpan<byte> start) => start switch
    {
        [0xEF, 0xBB, 0xBF, ..] => (Encoding.UTF8, 3),
        [0xFF, 0xFE, 0x00, 0x00, ..] => (Encoding.UTF32, 4),
        [0x00, 0x00, 0xFE, 0xFF, ..] => (new UTF32Encoding(bigEndian: true, byteOrderMark: false), 4),
        [0xFF, 0xFE, ..] => (Encoding.Unicode, 2),
        [0xFE, 0xFF, ..] => (Encoding.BigEndianUnicode, 2),
        _ => (null, 0),
    };

    // Text files in UTF-8 or a legacy code page hold no NUL; UTF-16 of mostly Latin text has one in every other byte.
    private static Encoding? GuessUtf16(ReadOnlySpan<byte> start)
    {
        int length = Math.Min(start.Length, 512) & ~1;
        ReadOnlySpan<byte> sample = start[..length];
        if (sample.Length < 4)
        {
            return null;
        }
        int evenNuls = 0, oddNuls = 0;
        for (int i = 0; i < sample.Length; i += 2)
        {
            evenNuls += sample[i] == 0 ? 1 : 0;
            oddNuls += sample[i + 1] == 0 ? 1 : 0;
        }
        int pairs = sample.Length / 2;
        if (oddNuls * 2 >= pairs && evenNuls * 10 < pairs)
        {
            return Encoding.Unicode;
        }
        if (evenNuls * 2 >= pairs && oddNuls * 10 < pairs)
        {
            return Encoding.BigEndianUnicode;
        }
        return null;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _source.Dispose();
        }
        base.Dispose(disposing);
    }
}
