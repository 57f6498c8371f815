namespace EntraInboundProvisioning.Engine.Logs;

/// <summary>One provisioning log entry (provisioningObjectSummary): what the service did with one worker, and why.</summary>
public sealed record ProvisioningLogEntry(
    string Id,
    string? ExternalId,
    string? DisplayName,
    string? Action,
    string? Status,
    string? ErrorCode,
    string? Reason,
    string? RecommendedAction,
    DateTimeOffset? ActivityDateTime,
    string? JobId,
    string? CycleId,
    string? ChangeId,
    string? TargetId,
    IReadOnlyList<string> ModifiedProperties)
{
    public override string ToString() => $"{ExternalId} {Action} {Status}";
}
