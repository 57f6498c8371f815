using System.Text.Json.Nodes;
using EntraInboundProvisioning.LocalEndpoint.Processing;

namespace EntraInboundProvisioning.LocalEndpoint.Jobs;

/// <summary>
/// One provisioning job as the service keeps it: its status code, quarantine, last execution, schema, the uploads it
/// holds while paused or quarantined, and the disables it staged when a cycle went past the deletion threshold.
/// </summary>
public sealed class JobState
{
    public JobState(string jobId)
    {
        JobId = jobId;
        Schema = JobSchema.Default(jobId);
    }

    public string JobId { get; }

    /// <summary>NotRun, Active, Paused or Quarantine (synchronizationStatusCode).</summary>
    public string Code { get; set; } = "NotRun";

    public bool HasRun => LastExecution is not null;

    /// <summary>Paused and quarantined jobs accept uploads but do not apply them.</summary>
    public bool IsHolding => Code is "Paused" or "Quarantine";

    public string? QuarantineReason { get; set; }

    public DateTimeOffset? QuarantineBegan { get; set; }

    public DateTimeOffset? QuarantineSeriesBegan { get; set; }

    public int QuarantineSeriesCount { get; set; }

    public JobExecution? LastExecution { get; set; }

    public JobExecution? LastSuccessfulExecution { get; set; }

    public JobExecution? LastExecutionWithExports { get; set; }

    public DateTimeOffset? SteadyStateFirstAchieved { get; set; }

    public DateTimeOffset? SteadyStateLastAchieved { get; set; }

    public int SuccessiveFailures { get; set; }

    public JsonObject Schema { get; set; }

    public List<PendingUpload> Held { get; } = [];

    /// <summary>The disable operations held by the accidental-deletion threshold, until restart with ForceDeletes.</summary>
    public List<JsonObject> StagedDisables { get; } = [];

    public void Quarantine(string reason, DateTimeOffset now)
    {
        Code = "Quarantine";
        QuarantineReason = reason;
        QuarantineBegan = now;
        QuarantineSeriesBegan ??= now;
        QuarantineSeriesCount++;
    }

    public void LiftQuarantine()
    {
        QuarantineReason = null;
        QuarantineBegan = null;
        QuarantineSeriesBegan = null;
        QuarantineSeriesCount = 0;
    }

    /// <summary>What the job does when it runs again: Active once it has run, else NotRun.</summary>
    public void Resume() => Code = HasRun ? "Active" : "NotRun";
}
