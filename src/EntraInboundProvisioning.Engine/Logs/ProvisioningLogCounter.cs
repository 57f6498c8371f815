namespace EntraInboundProvisioning.Engine.Logs;

/// <summary>Counts log entries by action and status as they stream past; holds the counts, not the entries.</summary>
public sealed class ProvisioningLogCounter
{
    private readonly Dictionary<(string Action, string Status), int> _counts = [];

    public void Add(ProvisioningLogEntry entry)
    {
        (string, string) key = (entry.Action ?? "", entry.Status ?? "");
        _counts[key] = _counts.GetValueOrDefault(key) + 1;
    }

    /// <summary>The counts, by action and then status.</summary>
    public IReadOnlyList<ProvisioningLogSummary> Summaries() => _counts
        .OrderBy(p => p.Key.Action, StringComparer.Ordinal).ThenBy(p => p.Key.Status, StringComparer.Ordinal)
        .Select(p => new ProvisioningLogSummary(p.Key.Action, p.Key.Status, p.Value))
        .ToList();
}
