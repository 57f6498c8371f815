using System.Threading.Channels;

namespace EntraInboundProvisioning.LocalEndpoint.Processing;

/// <summary>The accepted uploads, in order, for the background processor.</summary>
public sealed class UploadQueue
{
    private readonly Channel<PendingUpload> _channel = Channel.CreateUnbounded<PendingUpload>(new UnboundedChannelOptions { SingleReader = true });
    private int _pending;

    public int Pending => Volatile.Read(ref _pending);

    public void Enqueue(PendingUpload upload)
    {
        Interlocked.Increment(ref _pending);
        _channel.Writer.TryWrite(upload);
    }

    public IAsyncEnumerable<PendingUpload> ReadAllAsync(CancellationToken cancellationToken) => _channel.Reader.ReadAllAsync(cancellationToken);

    public void Done() => Interlocked.Decrement(ref _pending);
}
