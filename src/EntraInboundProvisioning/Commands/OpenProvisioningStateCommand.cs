using System.Management.Automation;
using EntraInboundProvisioning.Connection;
using EntraInboundProvisioning.Engine.Storage;
using EntraInboundProvisioning.Engine.Sync;

namespace EntraInboundProvisioning.Commands;

/// <summary>Opens (or creates) the state of a recurring sync: one SQLite file per provisioning job, held until Close-ProvisioningState.</summary>
[Cmdlet(VerbsCommon.Open, "ProvisioningState", SupportsShouldProcess = true)]
[OutputType(typeof(ProvisioningState))]
public sealed class OpenProvisioningStateCommand : PSCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = null!;

    protected override void ProcessRecord()
    {
        string path;
        StateStorage storage;
        if (StorageUri.LooksLikeUri(Path))
        {
            if (!OpenBlob(out storage))
            {
                return;
            }
            path = storage.Location;
        }
        else
        {
            path = GetUnresolvedProviderPathFromPSPath(Path);
            storage = new LocalStateStorage(path);
            if (!File.Exists(path) && !ShouldProcess(path, "Create the provisioning state"))
            {
                // A preview of a first run: the state lives in memory and is gone on close.
                storage = TransientStateStorage.InMemory(path);
            }
        }
        try
        {
            ProvisioningState state = ProvisioningState.Open(storage);
            if (state.FoundSchemaVersion is > 0 and var found && found < state.SchemaVersion)
            {
                WriteInformation($"Open-ProvisioningState: {path} was upgraded from schema version {found} to {state.SchemaVersion}; " +
                    $"{state.RehashedOnUpgrade} stored hashes were recomputed under this release's rule, so that those workers are not sent again.",
                    ["Open-ProvisioningState"]);
            }
            if (storage is BlobStateStorage { ReplayedRequests: > 0 } blob)
            {
                WriteVerbose($"Open-ProvisioningState: replayed {blob.ReplayedRequests} recorded requests from {blob.JournalLocation}, which a run that did not close left.");
            }
            OpenStateRegistry.Add(state);
            WriteObject(state);
        }
        catch (StateLockedException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "OpenProvisioningStateLocked", ErrorCategory.ResourceBusy, path));
        }
        catch (StateAlreadyOpenException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "OpenProvisioningStateAlreadyOpen", ErrorCategory.ResourceExists, ex.OpenState));
        }
        catch (StateIsFolderException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "OpenProvisioningStatePathIsFolder", ErrorCategory.InvalidArgument, path));
        }
        catch (StateVersionException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "OpenProvisioningStateNewerVersion", ErrorCategory.InvalidData, path));
        }
        catch (InvalidDataException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "OpenProvisioningStateNotAState", ErrorCategory.InvalidData, path));
        }
        catch (StorageExportException ex)
        {
            ThrowStorageError(ex);
        }
        catch (DirectoryNotFoundException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "OpenProvisioningStateFolderNotFound", ErrorCategory.ObjectNotFound, path));
        }
    }

    // A blob is opened for the preview too: the lease keeps the preview from reading a state that a run is writing.
    private bool OpenBlob(out StateStorage storage)
    {
        storage = null!;
        var access = new StorageAccess { Connection = ConnectionStore.Current };
        try
        {
            storage = BlobStateStorage.Open(Path, access);
            WriteVerbose($"Open-ProvisioningState: {storage.Location} is leased and downloaded ({((BlobStateStorage)storage).SignIn}).");
            return true;
        }
        catch (StateLockedException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "OpenProvisioningStateLocked", ErrorCategory.ResourceBusy, StorageUri.WithoutQuery(Path)));
        }
        catch (StorageExportException ex)
        {
            ThrowStorageError(ex);
        }
        return false;
    }

    // The storage SDK's exception is not kept: its text may carry the SAS.
    private void ThrowStorageError(StorageExportException ex) =>
        ThrowTerminatingError(new ErrorRecord(new IOException(ex.Message), "OpenProvisioningStateStorage" + ex.Kind, ex.Kind switch
        {
            StorageFaultKind.InvalidUri => ErrorCategory.InvalidArgument,
            StorageFaultKind.NotFound => ErrorCategory.ObjectNotFound,
            StorageFaultKind.Forbidden or StorageFaultKind.NoCredential or StorageFaultKind.WrongCloud => ErrorCategory.PermissionDenied,
            _ => ErrorCategory.ConnectionError,
        }, ex.SourceUri));
}
