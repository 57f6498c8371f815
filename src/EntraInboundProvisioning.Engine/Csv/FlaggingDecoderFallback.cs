using System.Text;

namespace EntraInboundProvisioning.Engine.Csv;

/// <summary>
/// Replaces bytes that are invalid in the encoding with U+FFFD, as the default fallback does, but counts them,
/// so that the reader can reject the rows they occur in instead of passing mangled names on.
/// </summary>
internal sealed class FlaggingDecoderFallback : DecoderFallback
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public override int MaxCharCount => 1;

    public override DecoderFallbackBuffer CreateFallbackBuffer() => new Buffer(this);

    private sealed class Buffer(FlaggingDecoderFallback owner) : DecoderFallbackBuffer
    {
        private bool _pending;

        public override int Remaining => _pending ? 1 : 0;

        public override bool Fallback(byte[] bytesUnknown, int index)
        {
            Interlocked.Increment(ref owner._count);
            _pending = true;
            return true;
        }

        public override char GetNextChar()
        {
            if (!_pending)
            {
                return '\0';
            }
            _pending = false;
            return '\uFFFD';
        }

        public override bool MovePrevious() => false;

        public override void Reset() => _pending = false;
    }
}
