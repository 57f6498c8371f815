namespace EntraInboundProvisioning.Engine.Storage;

/// <summary>
/// The download of one export as it is read: counts the bytes for progress and turns the SDK's failures, which may
/// name the request with its SAS, into <see cref="StorageExportException"/>s that name the URL without it. Synchronous
/// reads (the CSV reader's) wait on the asynchronous ones with the import's token: the SDK's synchronous read takes
/// no token, and a stalled connection would hold Ctrl+C for its 100-second network timeout.
/// </summary>
public sealed class StorageExportStream : Stream
{
    private readonly Stream _content;
    private readonly StorageExportStore _store;
    private readonly CancellationToken _cancellationToken;

    internal StorageExportStream(Stream content, long length, string etag, string display, StorageExportStore store, CancellationToken cancellationToken)
    {
        _content = content;
        _store = store;
        _cancellationToken = cancellationToken;
        Length = length;
        ETag = etag;
        Display = display;
    }

    /// <summary>The version read: reading the export again asks for this one (<see cref="StorageExportStore.OpenRead"/>).</summary>
    public string ETag { get; }

    /// <summary>The URL without its query.</summary>
    public string Display { get; }

    public long BytesRead { get; private set; }

    public override long Length { get; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count), CancellationToken.None).AsTask().GetAwaiter().GetResult();

    public override int Read(Span<byte> buffer)
    {
        byte[] rented = System.Buffers.ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            int read = Read(rented, 0, buffer.Length);
            rented.AsSpan(0, read).CopyTo(buffer);
            return read;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using var both = CancellationTokenSource.CreateLinkedTokenSource(_cancellationToken, cancellationToken);
        try
        {
            int read = await _content.ReadAsync(buffer, both.Token).ConfigureAwait(false);
            BytesRead += read;
            return read;
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not StorageExportException)
        {
            throw _store.TranslateRead(ex, Display, BytesRead);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _content.Dispose();
        }
        base.Dispose(disposing);
    }
}
