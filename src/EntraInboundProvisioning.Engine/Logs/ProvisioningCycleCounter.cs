namespace EntraInboundProvisioning.Engine.Logs;

/// <summary>Counts one cycle's entries as they stream past, into CSV2SCIM's cycle statistics; holds counts, not entries.</summary>
public sealed class ProvisioningCycleCounter(string cycleId)
{
    /// <summary>Every v1.0 provisioningAction, in CSV2SCIM's order.</summary>
    public static readonly IReadOnlyList<string> Actions = ["create", "update", "delete", "disable", "stagedDelete", "other"];

    private readonly HashSet<string> _changes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Action, string Status), int> _counts = [];
    private DateTimeOffset? _start;
    private DateTimeOffset? _end;

    public void Add(ProvisioningLogEntry entry)
    {
        _changes.Add(entry.ChangeId ?? entry.Id);
        if (entry.ExternalId is { } id)
        {
            _users.Add(id);
        }
        if (entry.ActivityDateTime is { } at)
        {
            _start = _start is { } s && s <= at ? s : at;
            _end = _end is { } e && e >= at ? e : at;
        }
        (string, string) key = (entry.Action ?? "other", entry.Status ?? "");
        _counts[key] = _counts.GetValueOrDefault(key) + 1;
    }

    public ProvisioningCycleSummary Summary()
    {
        int Count(string action, string status) => _counts.GetValueOrDefault((action, status));
        IEnumerable<string> actions = Actions.Concat(_counts.Keys.Select(k => k.Action).Where(a => !Actions.Contains(a)).Distinct());
        return new ProvisioningCycleSummary(cycleId, _start, _end, _changes.Count, _users.Count,
            actions.Select(a => new ProvisioningActionStatistics(a, Count(a, "success"), Count(a, "failure"), Count(a, "skipped"), Count(a, "warning"))).ToList());
    }
}
