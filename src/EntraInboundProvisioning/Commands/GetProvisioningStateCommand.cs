using System.Management.Automation;
using EntraInboundProvisioning.Engine.Sync;

namespace EntraInboundProvisioning.Commands;

/// <summary>What a state holds: totals and the last run, or one worker's record with -ExternalId.</summary>
[Cmdlet(VerbsCommon.Get, "ProvisioningState", DefaultParameterSetName = TotalsSet)]
[OutputType(typeof(StateTotals), typeof(WorkerRecord), typeof(RunRecord))]
public sealed class GetProvisioningStateCommand : PSCmdlet
{
    private const string TotalsSet = "Totals";
    private const string WorkerSet = "Worker";
    private const string RunSet = "Run";

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNull]
    public ProvisioningState State { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = WorkerSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] ExternalId { get; set; } = [];

    /// <summary>The runs, newest first.</summary>
    [Parameter(Mandatory = true, ParameterSetName = RunSet)]
    public SwitchParameter Run { get; set; }

    protected override void ProcessRecord()
    {
        StateAccess.RequireOpen(this, State, "GetProvisioningState");
        switch (ParameterSetName)
        {
            case WorkerSet:
                foreach (string id in ExternalId)
                {
                    if (State.GetWorker(id) is { } worker)
                    {
                        WriteObject(worker);
                    }
                    else
                    {
                        WriteError(new ErrorRecord(new ItemNotFoundException(
                            $"The state '{State.Location}' has no record of externalId '{id}': it was never accepted, or it was cleared."),
                            "GetProvisioningStateWorkerNotFound", ErrorCategory.ObjectNotFound, id));
                    }
                }
                break;
            case RunSet:
                WriteObject(State.RunRecords(), enumerateCollection: true);
                break;
            default:
                WriteObject(State.GetTotals());
                break;
        }
    }
}
