using EntraInboundProvisioning.Engine.Identity;
using EntraInboundProvisioning.Engine.Storage;

namespace EntraInboundProvisioning.Engine.Tests.Storage;

public class StorageUriTests
{
    [Theory]
    [InlineData("https://contosohr.blob.core.windows.net/exports/daily/workers.csv", StorageServiceKind.Blob, CloudEnvironment.Global, "https://contosohr.blob.core.windows.net/")]
    [InlineData("https://contosohr.file.core.windows.net/exports/daily/workers.csv", StorageServiceKind.File, CloudEnvironment.Global, "https://contosohr.file.core.windows.net/")]
    [InlineData("https://contosohr.blob.core.usgovcloudapi.net/exports/daily/workers.csv", StorageServiceKind.Blob, CloudEnvironment.USGov, "https://contosohr.blob.core.usgovcloudapi.net/")]
    [InlineData("https://contosohr.file.core.chinacloudapi.cn/exports/daily/workers.csv", StorageServiceKind.File, CloudEnvironment.China, "https://contosohr.file.core.chinacloudapi.cn/")]
    [InlineData("https://CONTOSOHR.privatelink.blob.core.windows.net/exports/daily/workers.csv", StorageServiceKind.Blob, CloudEnvironment.Global, "https://contosohr.privatelink.blob.core.windows.net/")]
    public void SplitsAccountContainerAndPathAndKnowsTheCloud(string text, StorageServiceKind kind, CloudEnvironment cloud, string service)
    {
        StorageUri uri = StorageUri.Parse(text);
        Assert.Equal(kind, uri.Kind);
        Assert.Equal(cloud, uri.Cloud);
        Assert.Equal(service, uri.ServiceUri.ToString());
        Assert.Equal("contosohr", uri.Account, ignoreCase: true);
        Assert.Equal("exports", uri.Container);
        Assert.Equal("daily/workers.csv", uri.Path);
        Assert.Equal("daily/", uri.Folder);
        Assert.Equal("workers.csv", uri.NamePattern);
        Assert.False(uri.IsPattern);
        Assert.False(uri.IsLoopback);
    }

    [Fact]
    public void ReadsAzuritesPathStyleOnLoopbackAsBlob()
    {
        StorageUri uri = StorageUri.Parse("http://127.0.0.1:10000/devstoreaccount1/exports/workers-*.csv?sv=2021-08-06&sig=abc");
        Assert.Equal(StorageServiceKind.Blob, uri.Kind);
        Assert.Equal("http://127.0.0.1:10000/devstoreaccount1/", uri.ServiceUri.ToString());
        Assert.Equal("devstoreaccount1", uri.Account);
        Assert.Equal("exports", uri.Container);
        Assert.Equal("workers-*.csv", uri.Path);
        Assert.Null(uri.Cloud);
        Assert.True(uri.IsLoopback);
        Assert.True(uri.IsPattern);
        Assert.Equal("sv=2021-08-06&sig=abc", uri.Sas);
    }

    [Theory]
    [InlineData("https://a1b2c.blob.core.windows.net/exports?sv=1&sig=SECRET", "https://a1b2c.blob.core.windows.net/exports/", "", true)]
    [InlineData("https://a1b2c.blob.core.windows.net/exports/hr/?sig=SECRET", "https://a1b2c.blob.core.windows.net/exports/hr/", "hr/", true)]
    [InlineData("https://a1b2c.blob.core.windows.net/exports/hr/work%20ers.csv?sig=SECRET", "https://a1b2c.blob.core.windows.net/exports/hr/work%20ers.csv", "hr/work ers.csv", false)]
    [InlineData("https://a1b2c.blob.core.windows.net/exports/hr/w*.csv?sig=SECRET", "https://a1b2c.blob.core.windows.net/exports/hr/w*.csv", "hr/w*.csv", true)]
    public void ShowsTheUrlWithoutItsQuery(string text, string display, string path, bool pattern)
    {
        StorageUri uri = StorageUri.Parse(text);
        Assert.Equal(display, uri.Display);
        Assert.Equal(display, uri.ToString());
        Assert.Equal(path, uri.Path);
        Assert.Equal(pattern, uri.IsPattern);
        Assert.DoesNotContain("SECRET", uri.Display);
    }

    [Theory]
    [InlineData("http://contosohr.blob.core.windows.net/exports/w.csv?sig=SECRET", "plain http")]
    [InlineData("https://example.com/exports/w.csv?sig=SECRET", "is not a storage account's blob or file endpoint")]
    [InlineData("https://contosohr.queue.core.windows.net/exports/w.csv?sig=SECRET", "is not a storage account's blob or file endpoint")]
    [InlineData("https://contosohr.blob.core.windows.net/?sig=SECRET", "names no container or share")]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1?sig=SECRET", "path-style")]
    [InlineData("ftp://contosohr.blob.core.windows.net/exports/w.csv?sig=SECRET", "is not an https address")]
    public void RefusesWhatIsNotAStorageAddressWithoutShowingTheQuery(string text, string problem)
    {
        StorageExportException ex = Assert.Throws<StorageExportException>(() => StorageUri.Parse(text));
        Assert.Equal(StorageFaultKind.InvalidUri, ex.Kind);
        Assert.Contains(problem, ex.Message);
        Assert.DoesNotContain("SECRET", ex.Message);
        Assert.DoesNotContain("SECRET", ex.SourceUri);
    }

    [Theory]
    [InlineData("https://a.blob.core.windows.net/c/x.csv", true)]
    [InlineData("HTTPS://a.blob.core.windows.net/c/x.csv", true)]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1/c/x.csv", true)]
    [InlineData("C:\\exports\\https.csv", false)]
    [InlineData("./https/x.csv", false)]
    public void TellsUrlsFromPaths(string text, bool isUri) => Assert.Equal(isUri, StorageUri.LooksLikeUri(text));

    [Theory]
    [InlineData("https://a1b2c.blob.core.windows.net/exports/workers-2026-11-2?.csv", QuestionMark)]
    [InlineData("https://a1b2c.blob.core.windows.net/exports/workers-?.csv?sv=1&sig=SECRET", QuestionMark)]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1/exports/w?.csv?sig=SECRET", QuestionMark)]
    [InlineData("https://a1b2c.blob.core.windows.net/exports/*/workers.csv?sv=1&sig=SECRET", InFolder)]
    [InlineData("https://a1b2c.file.core.windows.net/hr/2026-*/daily/workers-*.csv?sv=1&sig=SECRET", InFolder)]
    [InlineData("https://a1b2c.blob.core.windows.net/exp*/workers.csv?sv=1&sig=SECRET", InFolder)]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1/exports/*/workers.csv?sig=SECRET", InFolder)]
    public void RefusesAMisplacedWildcardWithoutShowingTheQuery(string text, string problem)
    {
        StorageExportException ex = Assert.Throws<StorageExportException>(() => StorageUri.Parse(text));
        Assert.Equal(StorageFaultKind.InvalidUri, ex.Kind);
        Assert.Contains(problem, ex.Message);
        Assert.DoesNotContain("SECRET", ex.Message);
        Assert.DoesNotContain("SECRET", ex.SourceUri);
        Assert.DoesNotContain(".csv?", ex.Message);
    }

    private const string QuestionMark = "only '*' is one. Write a '?' that is part of a name as %3F";
    private const string InFolder = "only the last segment, the name, may hold a wildcard";

    [Fact]
    public void TakesAQuestionMarkWrittenAsPercent3FAsPartOfTheName()
    {
        StorageUri uri = StorageUri.Parse("https://a1b2c.blob.core.windows.net/exports/what%3F.csv?sv=1&sig=SECRET");
        Assert.Equal("what?.csv", uri.Path);
        Assert.False(uri.IsPattern);
        Assert.Equal("https://a1b2c.blob.core.windows.net/exports/what%3F.csv", uri.Display);
    }
}
