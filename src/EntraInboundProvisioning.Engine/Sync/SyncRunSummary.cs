namespace EntraInboundProvisioning.Engine.Sync;

/// <summary>What a run found and chose to send, written on the information stream at the end of New-ScimBulkRequest -State.</summary>
public sealed class SyncRunSummary
{
    public long? RunId { get; internal set; }

    public string Scope { get; internal set; } = "";

    public string Mode { get; internal set; } = "Delta";

    public bool Preview { get; internal set; }

    /// <summary>Users in the run's input.</summary>
    public long Input { get; internal set; }

    public long Unchanged { get; internal set; }

    public long New { get; internal set; }

    public long Changed { get; internal set; }

    /// <summary>Unchanged workers sent again: their last outcome was a failure, or their request was never answered.</summary>
    public long Retried { get; internal set; }

    /// <summary>Unchanged workers sent again because their manager is now known to the service.</summary>
    public long ManagerResolved { get; internal set; }

    /// <summary>Sent by -Full although unchanged.</summary>
    public long Refreshed { get; internal set; }

    /// <summary>Workers of an unanswered request (unchanged, or leavers whose disable is in doubt), still within the time the logs take.</summary>
    public long Pending { get; internal set; }

    /// <summary>Requests of earlier runs sent without an answer whose workers the logs have not settled yet.</summary>
    public long UnknownRequests { get; internal set; }

    /// <summary>Workers the state holds as active in this scope who are absent from the input.</summary>
    public long Leavers { get; internal set; }

    /// <summary>Workers whose active turns from true to false.</summary>
    public long Deactivated { get; internal set; }

    /// <summary>Every disable the run sends: leavers (with -Leavers Disable) and deactivated workers.</summary>
    public long Disables { get; internal set; }

    public bool LeaversWithheld { get; internal set; }

    /// <summary>Disables sent again (counted in Disables) because the service did not apply the last one: held by its accidental-deletion threshold, or failed.</summary>
    public long DisablesNotApplied { get; internal set; }

    /// <summary>
    /// Workers accepted earlier whose log entry has not been read: until Get-ProvisioningLog -State reads it, a failure
    /// among them is not sent again.
    /// </summary>
    public long AwaitingOutcome { get; internal set; }

    /// <summary>Rows rejected upstream this run (recorded by ConvertTo-ScimUser -State and Import-HrCsv -State).</summary>
    public long Rejected { get; internal set; }

    public long Creates => New;

    public long Updates => Changed + Retried + ManagerResolved + Refreshed - Deactivated;

    /// <summary>Workers sent in all.</summary>
    public long Staged => New + Changed + Retried + ManagerResolved + Refreshed + (LeaversSent ? Leavers : 0);

    public bool LeaversSent { get; internal set; }

    public int Requests { get; set; }

    /// <summary>For changed workers, how many changed in each attribute: why they are sent.</summary>
    public IReadOnlyDictionary<string, long> ChangedAttributes { get; internal set; } = new Dictionary<string, long>();

    /// <summary>Manager cycles found (each as a -> b -> a); each was broken by sending its first worker as if it had no manager in the run.</summary>
    public IReadOnlyList<string> ManagerCycles { get; internal set; } = [];

    public override string ToString() =>
        $"{Input} workers: {Unchanged} unchanged, {New} new, {Changed} changed, {Retried} retried, {ManagerResolved} manager resolved, " +
        $"{Pending} pending ({UnknownRequests} unanswered requests waiting for the logs), {Leavers} leavers, {Disables} disables; {Requests} requests";
}
