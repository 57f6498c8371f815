using EntraInboundProvisioning.Connection;
using System.Management.Automation;
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
        if (Uri.TryCreate(Path, UriKind.Absolute, out Uri? uri) && uri.Scheme is "https" or "http")
        {
            ThrowTerminatingError(new ErrorRecord(new NotSupportedException(
                $"'{Path}' is a URL: a state kept in Azure Blob Storage is not available in this release. Open a local file, and copy it to and from storage around the run."),
                "OpenProvisioningStateBlobNotSupported", ErrorCategory.NotImplemented, Path));
        }
        string path = GetUnresolvedProviderPathFromPSPath(Path);
        StateStorage storage = new LocalStateStorage(path);
        if (!File.Exists(path) && !ShouldProcess(path, "Create the provisioning state"))
        {
            // A preview of a first run: the state lives in memory and is gone on close.
            storage = TransientStateStorage.InMemory(path);
        }
        try
        {
            ProvisioningState state = ProvisioningState.Open(storage);
            if (state.FoundSchemaVersion is > 0 and var found && found < state.SchemaVersion)
            {
                WriteVerbose($"Open-ProvisioningState: {path} was upgraded from schema version {found} to {state.SchemaVersion}.");
            }
            OpenStateRegistry.Add(state);
            WriteObject(state);
        }
        catch (StateLockedException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "OpenProvisioningStateLocked", ErrorCategory.ResourceBusy, path));
        }
        catch (StateVersionException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "OpenProvisioningStateNewerVersion", ErrorCategory.InvalidData, path));
        }
        catch (InvalidDataException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "OpenProvisioningStateNotAState", ErrorCategory.InvalidData, path));
        }
        catch (DirectoryNotFoundException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "OpenProvisioningStateFolderNotFound", ErrorCategory.ObjectNotFound, path));
        }
    }
}
