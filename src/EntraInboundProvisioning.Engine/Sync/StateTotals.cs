namespace EntraInboundProvisioning.Engine.Sync;

/// <summary>What a provisioning state holds, counted (Get-ProvisioningState).</summary>
public sealed class StateTotals
{
    public required string Location { get; init; }

    public int SchemaVersion { get; init; }

    public long Workers { get; init; }

    public long Active { get; init; }

    public long Inactive { get; init; }

    /// <summary>Workers whose last provisioning log entry was a failure: the next run sends them again.</summary>
    public long FailedLastTime { get; init; }

    public long Warnings { get; init; }

    /// <summary>Workers sent before their manager was known to the service.</summary>
    public long ManagerUnresolved { get; init; }

    /// <summary>Workers of requests whose outcome is in doubt (no answer after the body was sent), waiting for the logs.</summary>
    public long Pending { get; init; }

    /// <summary>Workers accepted whose provisioning log entry has not been read yet (Get-ProvisioningLog -State reads them).</summary>
    public long AwaitingOutcome { get; init; }

    /// <summary>
    /// Workers whose disable the service did not apply (held by the accidental-deletion threshold, or failed): they are
    /// still active in Entra, and the next run disables them again.
    /// </summary>
    public long DisablesNotApplied { get; init; }

    public long Runs { get; init; }

    public DateTimeOffset? LastAccepted { get; init; }

    public DateTimeOffset? LogsReadUntil { get; init; }

    public long SizeBytes { get; init; }

    public IReadOnlyDictionary<string, long> Scopes { get; set; } = new Dictionary<string, long>();

    public RunRecord? LastRun { get; set; }
}
