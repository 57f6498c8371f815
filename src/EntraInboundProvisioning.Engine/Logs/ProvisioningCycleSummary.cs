namespace EntraInboundProvisioning.Engine.Logs;

/// <summary>The statistics of one provisioning cycle: when it ran, how many changes and users, and counts by action and status.</summary>
public sealed record ProvisioningCycleSummary(
    string CycleId,
    DateTimeOffset? StartDateTime,
    DateTimeOffset? EndDateTime,
    int Changes,
    int Users,
    IReadOnlyList<ProvisioningActionStatistics> ActionStatistics)
{
    public ProvisioningActionStatistics this[string action] =>
        ActionStatistics.FirstOrDefault(a => string.Equals(a.Action, action, StringComparison.OrdinalIgnoreCase)) ?? new(action, 0, 0, 0, 0);

    public override string ToString() => $"{CycleId}: {Changes} changes, {Users} users";
}
