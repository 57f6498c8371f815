using EntraInboundProvisioning.Engine.Sync;

namespace EntraInboundProvisioning.Engine.Reports;

/// <summary>What Export-ProvisioningReport shows, computed from a state: the last run, the logs' outcomes, failures by reason, and the last runs.</summary>
public sealed class ProvisioningReport
{
    /// <summary>Where the state is, without a URL's query (a SAS is a secret).</summary>
    public required string StateLocation { get; init; }

    public DateTimeOffset GeneratedAt { get; init; }

    /// <summary>Where the page was written (a path, or a blob's URL without its query); null until it is.</summary>
    public string? Location { get; set; }

    public required StateTotals Totals { get; init; }

    /// <summary>The newest run, or null for a state no run has used yet.</summary>
    public ReportRun? LastRun { get; init; }

    /// <summary>The last runs, oldest first.</summary>
    public IReadOnlyList<ReportRun> Runs { get; init; } = [];

    /// <summary>The tenant's limit of bulkUpload calls per 24 hours (2,000 for P1/P2, 6,000 for Governance).</summary>
    public int DailyQuota { get; init; }

    /// <summary>Calls this job's recorded requests made in the 24 hours before the report; other jobs' calls are not known.</summary>
    public long CallsLast24Hours { get; init; }

    public double QuotaUsedPercent => DailyQuota > 0 ? Math.Round(100.0 * CallsLast24Hours / DailyQuota, 1) : 0;

    public IReadOnlyList<DailyCalls> CallsPerDay { get; init; } = [];

    /// <summary>Each worker's latest provisioning log entry, counted by action and status.</summary>
    public IReadOnlyList<OutcomeCount> Outcomes { get; init; } = [];

    /// <summary>Workers the state holds that no log entry has reached yet.</summary>
    public long WithoutLogEntry { get; init; }

    public IReadOnlyList<FailureGroup> Failures { get; init; } = [];

    public long ManagersUnresolved { get; init; }

    public IReadOnlyList<ReportWorker> ManagersUnresolvedExamples { get; init; } = [];

    /// <summary>Workers of requests sent without an answer, until a log entry settles whether the service has them.</summary>
    public long WaitingForLogEntry { get; init; }

    public IReadOnlyList<ReportWorker> WaitingForLogEntryExamples { get; init; } = [];

    public override string ToString() => $"{StateLocation}: {Runs.Count} runs, {CallsLast24Hours} of {DailyQuota} calls in 24 h";
}
