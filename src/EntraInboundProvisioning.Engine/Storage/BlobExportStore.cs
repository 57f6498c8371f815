using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace EntraInboundProvisioning.Engine.Storage;

/// <summary>Exports in a blob container; folders are the '/' in blob names.</summary>
internal sealed class BlobExportStore : StorageExportStore
{
    private readonly BlobContainerClient _container;
    private readonly string _role;

    /// <param name="role">The role that the sign-in error names: readers of exports need less than a state's writer.</param>
    public BlobExportStore(StorageUri location, StorageAccess access, string role = "Storage Blob Data Reader")
        : base(location, access)
    {
        _role = role;
        var options = new BlobClientOptions();
        Configure(options);
        _container = Connect(
            sas => new BlobContainerClient(ContainerUri, sas, options),
            key => new BlobContainerClient(ContainerUri, key, options),
            token =>
            {
                options.Audience = new BlobAudience(AccountAudience);
                return new BlobContainerClient(ContainerUri, token, options);
            });
    }

    /// <summary>The container, signed in as <see cref="StorageExportStore.SignIn"/> says.</summary>
    internal BlobContainerClient Container => _container;

    private protected override string ReaderRole => _role;

    private protected override string ItemWord => "blob";

    private protected override bool NamesIgnoreCase => false;

    private protected override string ContainerWord => "container";

    private protected override IEnumerable<StorageExportItem> List(string folder, string prefix, CancellationToken cancellationToken)
    {
        foreach (BlobHierarchyItem item in _container.GetBlobsByHierarchy(BlobTraits.None, BlobStates.None, "/", folder + prefix, cancellationToken))
        {
            if (item.IsBlob)
            {
                yield return new StorageExportItem(item.Blob.Name, item.Blob.Properties.ContentLength, item.Blob.Properties.LastModified);
            }
        }
    }

    private protected override (Stream Content, long Length, string ETag) Download(string path, string? ifMatch, CancellationToken cancellationToken)
    {
        var options = new BlobDownloadOptions
        {
            Conditions = ifMatch is null ? null : new BlobRequestConditions { IfMatch = new ETag(ifMatch) },
        };
        Response<BlobDownloadStreamingResult> response = _container.GetBlobClient(path).DownloadStreaming(options, cancellationToken);
        return (response.Value.Content, response.Value.Details.ContentLength, response.Value.Details.ETag.ToString());
    }
}
