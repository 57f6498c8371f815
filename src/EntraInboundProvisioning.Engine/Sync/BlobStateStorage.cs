using System.Globalization;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using EntraInboundProvisioning.Engine.Storage;
using Microsoft.Data.Sqlite;

namespace EntraInboundProvisioning.Engine.Sync;

/// <summary>
/// A state kept as a blob, for runbooks whose sandbox forgets local files. Open takes a lease on the blob (renewed in
/// the background) so that an overlapping run stops at once, and downloads it into a temporary file; each recorded
/// request is appended to the append blob &lt;name&gt;.journal, which the next open replays if the run never closed;
/// close uploads the file with If-Match on the ETag it was downloaded with, deletes the journal and releases the lease.
/// Messages name the URL without its query, so a SAS never leaves with them.
/// </summary>
public sealed class BlobStateStorage : StateStorage
{
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(20);
    private const string LeasedSinceKey = "leasedsince";
    private const string LeasedByKey = "leasedby";
    // The journal's ETag when the database that already holds its lines was uploaded: a journal left by a close that
    // stopped between the upload and the delete is not replayed again.
    private const string JournalETagKey = "journaletag";

    private readonly StorageUri _location;
    private readonly BlobClient _blob;
    private readonly AppendBlobClient _journal;
    private readonly BlobLeaseClient _lease;
    private readonly BlobContainerClient _container;
    private readonly string _signIn;
    private Timer? _renewal;
    private ETag _etag;
    private string? _journalETag;
    private bool _journalExists;
    private IDictionary<string, string> _metadata = new Dictionary<string, string>();

    private BlobStateStorage(StorageUri location, BlobContainerClient container, string signIn)
    {
        _location = location;
        _signIn = signIn;
        _container = container;
        _blob = container.GetBlobClient(location.Path);
        _journal = container.GetAppendBlobClient(location.Path + ".journal");
        _lease = _blob.GetBlobLeaseClient(Guid.NewGuid().ToString());
        DatabasePath = ScratchFiles.NewPath("state");
    }

    public override string Location => _location.Display;

    public override string? DatabasePath { get; }

    public override bool KeepsJournal => true;

    public string JournalLocation => _location.DisplayOf(_location.Path + ".journal");

    /// <summary>SAS, account key or token.</summary>
    public string SignIn => _signIn;

    /// <summary>When this run took the lease; kept in the blob's metadata for the error that an overlapping run gets.</summary>
    public DateTimeOffset LeasedSince { get; private set; }

    /// <summary>Requests that the journal of a run that did not close held, written into the state on open.</summary>
    public int ReplayedRequests { get; private set; }

    /// <summary>Takes the lease (creating an empty blob for a new state) and downloads the database.</summary>
    public static BlobStateStorage Open(string uri, StorageAccess access)
    {
        StorageUri location = StorageUri.Parse(uri);
        if (location.Kind != StorageServiceKind.Blob || location.IsPattern)
        {
            throw new StorageExportException(StorageFaultKind.InvalidUri, location.Display,
                $"'{location.Display}' does not name one blob. A state is kept as a blob: https://<account>.blob.core.windows.net/<container>/<name>.db.");
        }
        var store = new BlobExportStore(location, access, "Storage Blob Data Contributor");
        var storage = new BlobStateStorage(location, store.Container, store.SignIn);
        try
        {
            storage.AcquireLease();
            storage.Download();
        }
        catch
        {
            storage.OnOpenFailed();
            throw;
        }
        storage._renewal = new Timer(_ => storage.Renew(), null, RenewEvery, RenewEvery);
        return storage;
    }

    /// <summary>Uploads a blob beside the state's, in its container and folder, with the state's sign-in (replacing one of the same name).</summary>
    public override string WriteBeside(string extension, byte[] content, string contentType)
    {
        string name = _location.Folder + NameBeside(_location.NamePattern, extension);
        Call("write a file beside", () => _container.GetBlobClient(name).Upload(new BinaryData(content),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } }));
        return _location.DisplayOf(name);
    }

    public override void OnOpened(SqliteConnection connection)
    {
        if (!_journalExists)
        {
            return;
        }
        Call("read the journal of", () =>
        {
            Response<BlobDownloadResult> journal = _journal.DownloadContent();
            if (_metadata.TryGetValue(JournalETagKey, out string? included) && included == Unquoted(journal.Value.Details.ETag))
            {
                _journal.DeleteIfExists();
                _journalExists = false;
                return;
            }
            using Stream content = journal.Value.Content.ToStream();
            ReplayedRequests = StateJournal.Replay(connection, content, Location);
            _journalETag = Unquoted(journal.Value.Details.ETag);
        });
    }

    public override void OnRequestRecorded(RecordedRequest request)
    {
        if (request.JournalLine is not { } line)
        {
            return;
        }
        Call("add an accepted request to the journal of", () =>
        {
            if (!_journalExists)
            {
                _journal.CreateIfNotExists();
                _journalExists = true;
            }
            using var block = new MemoryStream(Encoding.UTF8.GetBytes(line));
            _journalETag = Unquoted(_journal.AppendBlock(block).Value.ETag);
        });
    }

    public override void OnClosed()
    {
        StopRenewal();
        try
        {
            Call("write back", () =>
            {
                var metadata = new Dictionary<string, string>(_metadata);
                metadata.Remove(LeasedSinceKey);
                metadata.Remove(LeasedByKey);
                metadata.Remove(JournalETagKey);
                if (_journalETag is not null)
                {
                    metadata[JournalETagKey] = _journalETag;
                }
                _blob.Upload(DatabasePath!, new BlobUploadOptions
                {
                    Conditions = new BlobRequestConditions { IfMatch = _etag, LeaseId = _lease.LeaseId },
                    Metadata = metadata,
                });
                if (_journalExists)
                {
                    _journal.DeleteIfExists();
                }
            });
        }
        finally
        {
            OnOpenFailed();
        }
    }

    /// <summary>Lets go of the lease and deletes the local copy.</summary>
    public override void OnOpenFailed()
    {
        StopRenewal();
        try
        {
            _lease.Release();
        }
        catch (Exception ex) when (IsStorageFailure(ex))
        {
            // The lease ends by itself within a minute.
        }
        ProvisioningState.DeleteDatabaseFiles(DatabasePath!);
    }

    private void AcquireLease()
    {
        Call("take the lease on", () =>
        {
            try
            {
                _lease.Acquire(LeaseDuration);
            }
            catch (RequestFailedException ex) when (ex.Status == 404 && ex.ErrorCode == BlobErrorCode.BlobNotFound)
            {
                try
                {
                    _blob.Upload(new MemoryStream(), new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } });
                }
                catch (RequestFailedException created) when (created.Status is 409 or 412)
                {
                    // Another run created it first: the lease decides.
                }
                _lease.Acquire(LeaseDuration);
            }
        }, Locked);
        LeasedSince = DateTimeOffset.UtcNow;
        Call("mark the lease on", () =>
        {
            _metadata = _blob.GetProperties(new BlobRequestConditions { LeaseId = _lease.LeaseId }).Value.Metadata;
            var metadata = new Dictionary<string, string>(_metadata)
            {
                [LeasedSinceKey] = LeasedSince.ToString("o", CultureInfo.InvariantCulture),
                [LeasedByKey] = Environment.MachineName,
            };
            _etag = _blob.SetMetadata(metadata, new BlobRequestConditions { LeaseId = _lease.LeaseId }).Value.ETag;
        });
    }

    private void Download()
    {
        Call("download", () =>
        {
            _blob.DownloadTo(DatabasePath!, new BlobDownloadToOptions { Conditions = new BlobRequestConditions { IfMatch = _etag, LeaseId = _lease.LeaseId } });
            _journalExists = _journal.Exists().Value;
        });
    }

    private void Renew()
    {
        try
        {
            _lease.Renew();
        }
        catch (Exception ex) when (IsStorageFailure(ex))
        {
            // A renewal that fails is tried again; a lease that is lost makes the upload at close fail with If-Match.
        }
    }

    private void StopRenewal()
    {
        Interlocked.Exchange(ref _renewal, null)?.Dispose();
    }

    private Exception? Locked(RequestFailedException ex)
    {
        if (ex.Status != 409 || ex.ErrorCode != BlobErrorCode.LeaseAlreadyPresent)
        {
            return null;
        }
        string since = "an unknown time (the lease was not taken by Open-ProvisioningState)";
        try
        {
            IDictionary<string, string> metadata = _blob.GetProperties().Value.Metadata;
            if (metadata.TryGetValue(LeasedSinceKey, out string? text) &&
                DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out DateTimeOffset at))
            {
                since = at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) +
                    (metadata.TryGetValue(LeasedByKey, out string? by) ? $" (on {by})" : "");
            }
        }
        catch (Exception failure) when (IsStorageFailure(failure))
        {
        }
        return new StateLockedException(
            $"The state '{Location}' is held by another run since {since}: that run leases the blob while it has the state open. " +
            $"Wait for that run to end. A run that was stopped lets go within {LeaseDuration.TotalSeconds:0} seconds; its accepted requests are kept in the journal and the next open replays them.");
    }

    private void Call(string action, Action call, Func<RequestFailedException, Exception?>? special = null)
    {
        try
        {
            call();
        }
        catch (RequestFailedException ex) when (special?.Invoke(ex) is { } translated)
        {
            throw translated;
        }
        catch (RequestFailedException ex) when (ex.Status > 0)
        {
            string code = ex.ErrorCode is { Length: > 0 } c ? $"{ex.Status} {c}" : $"{ex.Status}";
            throw ex.Status switch
            {
                412 or 409 when action == "write back" => new StateConflictException(
                    $"The state '{Location}' was changed by someone else while this run had it open ({code}: its ETag or lease no longer matches), " +
                    $"so this run's copy was not written back. Nothing that was accepted is lost: {JournalLocation} keeps this run's accepted requests, " +
                    "and the next Open-ProvisioningState replays them into the state as it is now."),
                404 when ex.ErrorCode == BlobErrorCode.ContainerNotFound => new StorageExportException(StorageFaultKind.NotFound, Location,
                    $"The container of '{Location}' does not exist ({code}). Create the container first; the state's blob is created on the first open."),
                401 or 403 => new StorageExportException(StorageFaultKind.Forbidden, Location,
                    $"Could not {action} the state '{Location}' ({code}). " + (_signIn == "SAS"
                        ? "The SAS may have expired or lack a permission: the state needs read, write, create, add and delete (r, w, c, a, d) on the container; make a new SAS and give the new URL."
                        : "Give the identity of the session the Storage Blob Data Contributor role on the container (role assignments take a few minutes to apply), or give a URL with a SAS.")),
                _ => new StorageExportException(StorageFaultKind.Failed, Location, $"Could not {action} the state '{Location}' ({code}). Try again later; if it persists, check the storage account."),
            };
        }
        catch (Exception ex) when (ex is AggregateException or IOException or HttpRequestException && ex is not StorageExportException)
        {
            throw new StorageExportException(StorageFaultKind.Failed, Location,
                $"Could not {action} the state '{Location}': the storage account could not be reached ({ex.GetType().Name}). Check the address and the network, then try again.");
        }
    }

    private static bool IsStorageFailure(Exception ex) => ex is RequestFailedException or AggregateException or IOException or HttpRequestException;

    private static string Unquoted(ETag etag) => etag.ToString().Trim('"');
}
