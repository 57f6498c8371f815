using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EntraInboundProvisioning.Engine.Tests.Storage;

/// <summary>
/// Azurite has no File service, so this answers the two Azure Files calls that reading an export makes (list a
/// directory, get a file, whole or from a byte on) on loopback, path-style, and can cut the next download once (and
/// then replace the file) or stall it until it is disposed. Each version of a file has an ETag of its own.
/// </summary>
internal sealed class FakeFileService : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, (byte[] Content, DateTimeOffset LastModified, int Version)> _files = new(StringComparer.Ordinal);
    private readonly Task _serving;
    private readonly CancellationTokenSource _disposed = new();
    private int _cutAfter;
    private int _stallAfter;
    private int _versions;
    private Action? _afterCut;

    public FakeFileService()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    /// <summary>The share's URL, path-style: http://127.0.0.1:port/devstoreaccount1/hr.</summary>
    public string Share => $"http://127.0.0.1:{Port}/devstoreaccount1/hr";

    public List<string> Requests { get; } = [];

    public void Add(string path, string content, DateTimeOffset lastModified)
    {
        lock (_files)
        {
            _files[path] = (Encoding.UTF8.GetBytes(content), lastModified, ++_versions);
        }
    }

    /// <summary>The next download stops after this many bytes of its body, once; then <paramref name="afterCut"/> runs.</summary>
    public void CutOnce(int bytes, Action? afterCut = null)
    {
        _afterCut = afterCut;
        _cutAfter = bytes;
    }

    /// <summary>The next download sends this many bytes of its body and then nothing more until the service is disposed.</summary>
    public void StallOnce(int bytes) => _stallAfter = bytes;

    /// <summary>Set when a stalled download has sent its bytes.</summary>
    public ManualResetEventSlim Stalled { get; } = new();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(async () =>
            {
                try
                {
                    await AnswerAsync(context);
                }
                catch (Exception ex) when (ex is HttpListenerException or IOException or OperationCanceledException or ObjectDisposedException)
                {
                }
            });
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        HttpListenerRequest request = context.Request;
        HttpListenerResponse response = context.Response;
        string path = Uri.UnescapeDataString(request.Url!.AbsolutePath)["/devstoreaccount1/hr/".Length..];
        string? range = request.Headers["x-ms-range"];
        lock (Requests)
        {
            Requests.Add($"{request.HttpMethod} {path}{(request.QueryString["comp"] is { } comp ? " comp=" + comp : "")}{(range is null ? "" : " " + range)}");
        }
        response.Headers["x-ms-version"] = request.Headers["x-ms-version"];
        response.Headers["x-ms-request-id"] = Guid.NewGuid().ToString();

        if (request.QueryString["comp"] == "list")
        {
            string prefix = request.QueryString["prefix"] ?? "";
            string folder = path.TrimEnd('/');
            var xml = new StringBuilder($"<?xml version=\"1.0\" encoding=\"utf-8\"?><EnumerationResults ServiceEndpoint=\"http://127.0.0.1:{Port}/devstoreaccount1/\" ShareName=\"hr\" DirectoryPath=\"{folder}\"><Prefix>{prefix}</Prefix><Entries>");
            foreach ((string name, (byte[] content, DateTimeOffset modified, _)) in Snapshot().Where(f => f.Key.StartsWith(folder + "/" + prefix, StringComparison.Ordinal)))
            {
                xml.Append($"<File><Name>{name[(folder.Length + 1)..]}</Name><Properties><Content-Length>{content.Length}</Content-Length>" +
                    $"<Last-Modified>{modified.UtcDateTime:R}</Last-Modified><Etag>\"0x1\"</Etag></Properties></File>");
            }
            xml.Append("</Entries><NextMarker /></EnumerationResults>");
            byte[] body = Encoding.UTF8.GetBytes(xml.ToString());
            response.ContentType = "application/xml";
            response.ContentLength64 = body.Length;
            response.OutputStream.Write(body);
            response.Close();
            return;
        }

        if (!Snapshot().TryGetValue(path, out (byte[] Content, DateTimeOffset LastModified, int Version) file))
        {
            response.StatusCode = 404;
            response.Headers["x-ms-error-code"] = "ResourceNotFound";
            response.Close();
            return;
        }
        int from = range is null ? 0 : int.Parse(range["bytes=".Length..range.IndexOf('-')]);
        int length = file.Content.Length - from;
        response.StatusCode = range is null ? 200 : 206;
        if (range is not null)
        {
            response.Headers["Content-Range"] = $"bytes {from}-{file.Content.Length - 1}/{file.Content.Length}";
        }
        response.Headers["ETag"] = $"\"0x{file.Version}\"";
        response.Headers["Last-Modified"] = file.LastModified.UtcDateTime.ToString("R");
        response.Headers["x-ms-type"] = "File";
        response.ContentType = "text/csv";
        response.ContentLength64 = length;
        int cut = Interlocked.Exchange(ref _cutAfter, 0);
        if (cut > 0 && cut < length)
        {
            response.OutputStream.Write(file.Content, from, cut);
            response.OutputStream.Flush();
            response.Abort();
            _afterCut?.Invoke();
            return;
        }
        int stall = Interlocked.Exchange(ref _stallAfter, 0);
        if (stall > 0 && stall < length)
        {
            response.OutputStream.Write(file.Content, from, stall);
            response.OutputStream.Flush();
            Stalled.Set();
            await Task.Delay(Timeout.Infinite, _disposed.Token);
        }
        response.OutputStream.Write(file.Content, from, length);
        response.Close();
    }

    private Dictionary<string, (byte[] Content, DateTimeOffset LastModified, int Version)> Snapshot()
    {
        lock (_files)
        {
            return new(_files, StringComparer.Ordinal);
        }
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _listener.Stop();
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(10));
    }
}
