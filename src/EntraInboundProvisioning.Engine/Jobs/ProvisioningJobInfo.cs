namespace EntraInboundProvisioning.Engine.Jobs;

/// <summary>
/// A provisioning job's state as an admin reads it: the status code (NotConfigured, NotRun, Active, Paused,
/// Quarantine), the quarantine and its reason, steady state, and the last execution's counts.
/// </summary>
public sealed record ProvisioningJobInfo
{
    public required string ServicePrincipalId { get; init; }

    public required string JobId { get; init; }

    public string? TemplateId { get; init; }

    public string? Status { get; init; }

    public string? ScheduleState { get; init; }

    public TimeSpan? ScheduleInterval { get; init; }

    public string? QuarantineReason { get; init; }

    /// <summary>When the quarantine was first imposed in this series.</summary>
    public DateTimeOffset? QuarantineSince { get; init; }

    public DateTimeOffset? QuarantineNextAttempt { get; init; }

    public string? QuarantineError { get; init; }

    public DateTimeOffset? SteadyStateFirstAchieved { get; init; }

    public DateTimeOffset? SteadyStateLastAchieved { get; init; }

    public long? SuccessiveFailures { get; init; }

    /// <summary>Succeeded, Failed or EntryLevelErrors.</summary>
    public string? LastExecutionState { get; init; }

    public DateTimeOffset? LastExecutionBegan { get; init; }

    public DateTimeOffset? LastExecutionEnded { get; init; }

    public long? CountImported { get; init; }

    public long? CountExported { get; init; }

    public long? CountEscrowed { get; init; }

    public string? LastExecutionError { get; init; }

    /// <summary>A paused or quarantined job accepts uploads but provisions nothing until it runs again.</summary>
    public bool IsHolding => Status is "Paused" or "Quarantine";

    /// <summary>What ends this job's quarantine; null when it is not in quarantine.</summary>
    public string? QuarantineRemedy() => Status != "Quarantine" ? null : QuarantineReason == "TooManyDeletes"
        ? "Check the staged disables (Get-ProvisioningLog -Action stagedDelete). Start-ProvisioningJob ends the quarantine and leaves them staged, not applied; " +
            "Restart-ProvisioningJob -ResetScope ForceDeletes applies them (QuarantineState drops them); or raise the app's accidental-deletion threshold."
        : "Fix the cause (Get-ProvisioningJob shows it), then run Start-ProvisioningJob, which clears the quarantine.";

    public override string ToString() => QuarantineReason is null ? $"{JobId} {Status}" : $"{JobId} {Status} ({QuarantineReason})";
}
