namespace EntraInboundProvisioning.Engine.Storage;

/// <summary>
/// The download of one export as it is read: counts the bytes for progress and turns the SDK's failures, which may
/// name the request with its SAS, into <see cref="StorageExportException"/>s that name the URL without it.
/// </summary>
public sealed class StorageExportStream : Stream
{
    private readonly Stream _content;
    private readonly StorageExportStore _store;

    internal StorageExportStream(Stream content, long length, string display, StorageExportStore store)
    {
        _content = content;
        _store = store;
        Length = length;
        Display = display;
    }

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

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        try
        {
            int read = _content.Read(buffer);
            BytesRead += read;
            return read;
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not StorageExportException)
        {
            throw _store.TranslateRead(ex, Display, BytesRead);
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            int read = await _content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
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
