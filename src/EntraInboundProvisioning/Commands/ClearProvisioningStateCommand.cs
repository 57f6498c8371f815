using System.Management.Automation;
using EntraInboundProvisioning.Engine.Sync;

namespace EntraInboundProvisioning.Commands;

/// <summary>Forgets workers, so that the next run sends them again as new.</summary>
[Cmdlet(VerbsCommon.Clear, "ProvisioningState", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
public sealed class ClearProvisioningStateCommand : PSCmdlet
{
    private readonly List<string> _ids = [];

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNull]
    public ProvisioningState State { get; set; } = null!;

    [Parameter(Mandatory = true, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] ExternalId { get; set; } = [];

    protected override void ProcessRecord()
    {
        StateAccess.RequireOpen(this, State, "ClearProvisioningState");
        foreach (string id in ExternalId)
        {
            if (ShouldProcess($"{id} in {State.Location}", "Forget the worker (the next run sends it again)"))
            {
                _ids.Add(id);
            }
        }
    }

    protected override void EndProcessing()
    {
        if (_ids.Count == 0)
        {
            return;
        }
        int forgotten = State.Forget(_ids);
        if (forgotten < _ids.Count)
        {
            WriteWarning($"{_ids.Count - forgotten} of the {_ids.Count} externalIds were not in the state '{State.Location}'.");
        }
        WriteVerbose($"Clear-ProvisioningState: {forgotten} workers forgotten.");
    }
}
