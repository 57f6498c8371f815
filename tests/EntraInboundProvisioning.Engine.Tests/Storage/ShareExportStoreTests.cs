using System.Text;
using EntraInboundProvisioning.Engine.Csv;
using EntraInboundProvisioning.Engine.Storage;

namespace EntraInboundProvisioning.Engine.Tests.Storage;

// The file-share client of the SDK run against FakeFileService: listing, choosing the newest, a download resumed.
public class ShareExportStoreTests
{
    private static readonly string Export = "WorkerID,Name\r\n" + string.Concat(Enumerable.Range(1, 2000).Select(i => $"{i},Worker {i}\r\n"));

    private static ShareExportStore Open(FakeFileService service, string path, List<string> notes)
    {
        var location = StorageUri.Parse($"{service.Share}/{path}?sv=2021-08-06&sig=c2lnbmF0dXJl");
        return new ShareExportStore(location, new StorageAccess { Note = notes.Add });
    }

    /// <summary>The share with out/workers.csv holding <see cref="Export"/>, and that file resolved.</summary>
    private static (ShareExportStore Store, StorageExportItem Item) OpenExport(FakeFileService service)
    {
        service.Add("out/workers.csv", Export, DateTimeOffset.UtcNow);
        ShareExportStore store = Open(service, "out/workers.csv", []);
        return (store, Assert.Single(store.Resolve(latest: false, CancellationToken.None)));
    }

    [Fact]
    public void ChoosesTheNewestFileOfAFolderAndReadsAllOfItAfterACut()
    {
        using var service = new FakeFileService();
        DateTimeOffset now = DateTimeOffset.UtcNow;
        service.Add("out/workers-1.csv", "WorkerID\r\n1\r\n", now.AddHours(-2));
        service.Add("out/workers-2.csv", Export, now);
        service.Add("out/workers-3.csv", "WorkerID\r\n3\r\n", now.AddHours(-1));
        service.Add("out/other.csv", "WorkerID\r\n4\r\n", now.AddHours(1));
        var notes = new List<string>();
        ShareExportStore store = Open(service, "out/workers-*.csv", notes);

        StorageExportItem newest = Assert.Single(store.Resolve(latest: true, CancellationToken.None));
        Assert.Equal("out/workers-2.csv", newest.Path);

        service.CutOnce(10_000);
        StorageExportStream? download = null;
        var reader = new HrCsvReader(store.Location.DisplayOf(newest.Path), () => download = store.OpenRead(newest, download?.ETag, CancellationToken.None));
        List<CsvReadResult> rows = [.. reader.Read()];

        Assert.Equal(2000, rows.Count(r => r.Record is not null));
        Assert.Equal($"{service.Share}/out/workers-2.csv", rows[0].Record!.SourceFile);
        Assert.Equal(Encoding.UTF8.GetByteCount(Export), download!.BytesRead);
        string resumed = Assert.Single(service.Requests, r => r.StartsWith("GET out/workers-2.csv bytes=", StringComparison.Ordinal));
        long from = long.Parse(resumed["GET out/workers-2.csv bytes=".Length..].TrimEnd('-'));
        Assert.InRange(from, 1, 10_000);
        Assert.Contains($"The download of {service.Share}/out/workers-2.csv broke off; reading on from byte {from}.", notes);
    }

    [Fact]
    public void MatchesNamesInAShareWithoutRegardToCaseAsAzureFilesOpensThem()
    {
        using var service = new FakeFileService();
        service.Add("out/Workers-1.csv", "WorkerID\r\n1\r\n", DateTimeOffset.UtcNow);
        service.Add("out/workers-2.CSV", "WorkerID\r\n2\r\n", DateTimeOffset.UtcNow);
        service.Add("out/managers.csv", "WorkerID\r\n3\r\n", DateTimeOffset.UtcNow);
        ShareExportStore store = Open(service, "out/WORKERS-*.csv", []);

        Assert.Equal(["out/Workers-1.csv", "out/workers-2.CSV"], store.Resolve(latest: false, CancellationToken.None).Select(item => item.Path));
    }

    [Fact]
    public void AMissingFileNamesTheUrlWithoutItsSas()
    {
        using var service = new FakeFileService();
        ShareExportStore store = Open(service, "out/missing.csv", []);
        StorageExportException ex = Assert.Throws<StorageExportException>(() =>
            store.OpenRead(Assert.Single(store.Resolve(latest: false, CancellationToken.None)), null, CancellationToken.None));
        Assert.Equal(StorageFaultKind.NotFound, ex.Kind);
        Assert.Equal($"{service.Share}/out/missing.csv does not exist (404 ResourceNotFound). Check the account, the share and the file's name.", ex.Message);
        Assert.DoesNotContain("sig", ex.Message);
    }

    [Fact]
    public void ReadingAgainAfterAnUnclosedQuoteStopsWhenTheFileWasReplacedMeanwhile()
    {
        using var service = new FakeFileService();
        service.Add("out/workers.csv", "WorkerID,Name\r\n1,Ann\r\n2,\"Bo\r\n3,Cy\r\n", DateTimeOffset.UtcNow);
        ShareExportStore store = Open(service, "out/workers.csv", []);
        StorageExportItem item = Assert.Single(store.Resolve(latest: false, CancellationToken.None));
        StorageExportStream? download = null;
        int opens = 0;
        var reader = new HrCsvReader(store.Location.DisplayOf(item.Path), () =>
        {
            if (++opens == 2)
            {
                service.Add("out/workers.csv", "WorkerID,Name\r\n7,New\r\n8,Version\r\n9,Here\r\n", DateTimeOffset.UtcNow);
            }
            return download = store.OpenRead(item, download?.ETag, CancellationToken.None);
        });

        StorageExportException ex = Assert.Throws<StorageExportException>(() => reader.Read().ToList());
        Assert.Equal(2, opens);
        Assert.Equal(StorageFaultKind.Changed, ex.Kind);
        Assert.StartsWith($"The export {service.Share}/out/workers.csv changed while it was read", ex.Message);
        Assert.Contains("Run the import again", ex.Message);
        Assert.DoesNotContain("sig", ex.Message);
    }

    [Fact]
    public void AResumedDownloadStopsWhenTheFileWasReplacedAfterTheCut()
    {
        using var service = new FakeFileService();
        (ShareExportStore store, StorageExportItem item) = OpenExport(service);
        service.CutOnce(10_000, () => service.Add("out/workers.csv", Export.Replace("Worker", "Person"), DateTimeOffset.UtcNow));
        var reader = new HrCsvReader(store.Location.DisplayOf(item.Path), () => store.OpenRead(item, null, CancellationToken.None));

        StorageExportException ex = Assert.Throws<StorageExportException>(() => reader.Read().ToList());
        Assert.Equal(StorageFaultKind.Changed, ex.Kind);
        Assert.StartsWith($"The export {service.Share}/out/workers.csv changed while it was read", ex.Message);
    }

    [Fact]
    public void CancellingEndsAReadThatWaitsOnAStalledDownload()
    {
        using var service = new FakeFileService();
        (ShareExportStore store, StorageExportItem item) = OpenExport(service);
        service.StallOnce(1_000);
        using var cancellation = new CancellationTokenSource();
        using StorageExportStream download = store.OpenRead(item, null, cancellation.Token);
        var buffer = new byte[Encoding.UTF8.GetByteCount(Export)];
        Task reading = Task.Run(() =>
        {
            while (download.Read(buffer, 0, buffer.Length) > 0)
            {
            }
        });
        Assert.True(service.Stalled.Wait(TimeSpan.FromSeconds(60)), "the service never stalled");

        cancellation.Cancel();

        // A bound, not a measurement: without the token the read waits for the SDK's 100-second network timeout.
        Assert.True(((IAsyncResult)reading).AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(30)), "the read went on after the cancellation");
        Assert.IsAssignableFrom<OperationCanceledException>(reading.Exception?.GetBaseException());
    }
}
