using EntraInboundProvisioning.Engine.Identity;
using EntraInboundProvisioning.Engine.Provisioning;
using EntraInboundProvisioning.Engine.Storage;

namespace EntraInboundProvisioning.Engine.Tests.Storage;

// Azurite has no File service: these check how a file share URL chooses its client and its sign-in, without a server.
public class StorageExportStoreTests
{
    private static ProvisioningConnection Connection(CloudEnvironment cloud) =>
        ProvisioningConnection.Create(new StaticTokenCredential("token", DateTimeOffset.UtcNow.AddHours(1)), cloud, null, "AccessToken");

    [Theory]
    [InlineData("https://contosohr.file.core.windows.net/hr/out/workers.csv?sv=1&sig=s", typeof(ShareExportStore), "SAS")]
    [InlineData("https://contosohr.blob.core.windows.net/hr/out/workers.csv?sv=1&sig=s", typeof(BlobExportStore), "SAS")]
    [InlineData("https://contosohr.file.core.windows.net/hr/out/workers.csv", typeof(ShareExportStore), "token")]
    [InlineData("https://contosohr.blob.core.windows.net/hr/out/workers.csv", typeof(BlobExportStore), "token")]
    public void ChoosesTheServiceAndTheWayToSignIn(string uri, Type store, string signIn)
    {
        using ProvisioningConnection connection = Connection(CloudEnvironment.Global);
        StorageExportStore opened = StorageExportStore.Open(uri, new StorageAccess { Connection = connection });
        Assert.IsType(store, opened);
        Assert.Equal(signIn, opened.SignIn);
    }

    [Fact]
    public void UsesTheAccountKeyOnlyWhenTheUrlHasNoSas()
    {
        const string key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
        Assert.Equal("account key", StorageExportStore.Open("https://contosohr.file.core.windows.net/hr/w.csv", new StorageAccess { AccountKey = key }).SignIn);
        Assert.Equal("SAS", StorageExportStore.Open("https://contosohr.file.core.windows.net/hr/w.csv?sig=s", new StorageAccess { AccountKey = key }).SignIn);
    }

    [Fact]
    public void AddressesFilesInNestedDirectoriesOfTheShare()
    {
        var store = (ShareExportStore)StorageExportStore.Open("https://contosohr.file.core.windows.net/hr/out/daily/workers%201.csv?sig=s", new StorageAccess());
        Assert.Equal("https://contosohr.file.core.windows.net/hr/out/daily/workers%201.csv", store.FileClient("out/daily/workers 1.csv").Uri.GetLeftPart(UriPartial.Path));
        Assert.Equal("https://contosohr.file.core.windows.net/hr/workers.csv", store.FileClient("workers.csv").Uri.GetLeftPart(UriPartial.Path));
    }

    [Theory]
    [InlineData("https://contosohr.file.core.windows.net/hr/w.csv", "Storage File Data Privileged Reader")]
    [InlineData("https://contosohr.blob.core.windows.net/hr/w.csv", "Storage Blob Data Reader")]
    public void WithoutSasOrConnectionSaysToConnectAndWhichRoleTheIdentityNeeds(string uri, string role)
    {
        StorageExportException ex = Assert.Throws<StorageExportException>(() => StorageExportStore.Open(uri, new StorageAccess()));
        Assert.Equal(StorageFaultKind.NoCredential, ex.Kind);
        Assert.Contains("Connect-EntraProvisioning", ex.Message);
        Assert.Contains(role, ex.Message);
    }

    [Theory]
    [InlineData("https://contosohr.blob.core.usgovcloudapi.net/hr/w.csv", CloudEnvironment.Global, true)]
    [InlineData("https://contosohr.file.core.windows.net/hr/w.csv", CloudEnvironment.China, true)]
    [InlineData("https://contosohr.blob.core.usgovcloudapi.net/hr/w.csv", CloudEnvironment.USGov, false)]
    [InlineData("https://contosohr.file.core.usgovcloudapi.net/hr/w.csv", CloudEnvironment.USGovDoD, false)]
    [InlineData("https://contosohr.blob.core.chinacloudapi.cn/hr/w.csv", CloudEnvironment.China, false)]
    public void SendsTokensOnlyToStorageOfTheConnectionsCloud(string uri, CloudEnvironment connected, bool refused)
    {
        using ProvisioningConnection connection = Connection(connected);
        var access = new StorageAccess { Connection = connection };
        if (refused)
        {
            StorageExportException ex = Assert.Throws<StorageExportException>(() => StorageExportStore.Open(uri, access));
            Assert.Equal(StorageFaultKind.WrongCloud, ex.Kind);
            Assert.Contains("-Environment", ex.Message);
        }
        else
        {
            Assert.Equal("token", StorageExportStore.Open(uri, access).SignIn);
        }
    }

    [Fact]
    public void SendsNoTokenOverPlainHttpToAzurite()
    {
        using ProvisioningConnection connection = Connection(CloudEnvironment.Global);
        StorageExportException ex = Assert.Throws<StorageExportException>(() =>
            StorageExportStore.Open("http://127.0.0.1:10000/devstoreaccount1/exports/w.csv", new StorageAccess { Connection = connection }));
        Assert.Equal(StorageFaultKind.NoCredential, ex.Kind);
    }
}
