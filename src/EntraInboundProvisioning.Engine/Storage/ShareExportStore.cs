using Azure;
using Azure.Storage.Files.Shares;
using Azure.Storage.Files.Shares.Models;

namespace EntraInboundProvisioning.Engine.Storage;

/// <summary>Exports in an Azure file share; a listing reads one directory.</summary>
internal sealed class ShareExportStore : StorageExportStore
{
    private readonly ShareClient _share;

    public ShareExportStore(StorageUri location, StorageAccess access)
        : base(location, access)
    {
        var options = new ShareClientOptions();
        Configure(options);
        _share = Connect(
            sas => new ShareClient(ContainerUri, sas, options),
            key => new ShareClient(ContainerUri, key, options),
            token =>
            {
                // Azure Files takes tokens only with the backup intent, which the Privileged Reader role grants.
                options.ShareTokenIntent = ShareTokenIntent.Backup;
                options.Audience = new ShareAudience(AccountAudience);
                return new ShareClient(ContainerUri, token, options);
            });
    }

    internal ShareFileClient FileClient(string path)
    {
        int slash = path.LastIndexOf('/');
        ShareDirectoryClient directory = slash < 0 ? _share.GetRootDirectoryClient() : _share.GetDirectoryClient(path[..slash]);
        return directory.GetFileClient(path[(slash + 1)..]);
    }

    private protected override string ReaderRole => "Storage File Data Privileged Reader";

    private protected override string ItemWord => "file";

    private protected override bool NamesIgnoreCase => true;

    private protected override string ContainerWord => "share";

    private protected override IEnumerable<StorageExportItem> List(string folder, string prefix, CancellationToken cancellationToken)
    {
        ShareDirectoryClient directory = folder.Length == 0 ? _share.GetRootDirectoryClient() : _share.GetDirectoryClient(folder.TrimEnd('/'));
        var options = new ShareDirectoryGetFilesAndDirectoriesOptions { Prefix = prefix, Traits = ShareFileTraits.Timestamps };
        foreach (ShareFileItem item in directory.GetFilesAndDirectories(options, cancellationToken))
        {
            if (!item.IsDirectory)
            {
                yield return new StorageExportItem(folder + item.Name, item.FileSize, item.Properties?.LastModified);
            }
        }
    }

    // Azure Files takes no If-Match on a read: the caller compares the ETag that comes back, and the SDK compares it
    // on each resumption (ShareFileModifiedException).
    private protected override (Stream Content, long Length, string ETag) Download(string path, string? ifMatch, CancellationToken cancellationToken)
    {
        Response<ShareFileDownloadInfo> response = FileClient(path).Download(new ShareFileDownloadOptions(), cancellationToken);
        return (response.Value.Content, response.Value.ContentLength, response.Value.Details.ETag.ToString());
    }
}
