namespace EntraInboundProvisioning.Engine.Faults;

/// <summary>
/// Groups faults that are the same mistake (the same key) so that a mistake hitting many rows or records is said once:
/// the first faults of each group are reported one by one, the rest only counted, and <see cref="Repeated"/> then gives
/// each group that had more, with its count and the sources of the first.
/// </summary>
public sealed class RepeatedFaultGroups<TKey, TFault>(int reportedOneByOne) where TKey : notnull
{
    private readonly Dictionary<TKey, RepeatedFaultGroup<TFault>> _groups = [];
    private readonly List<RepeatedFaultGroup<TFault>> _order = [];

    public int ReportedOneByOne => reportedOneByOne;

    /// <summary>Counts a fault; returns whether it is among the first of its group, to be reported one by one.</summary>
    public bool Add(TKey key, TFault fault, string? source)
    {
        if (!_groups.TryGetValue(key, out RepeatedFaultGroup<TFault>? group))
        {
            group = new RepeatedFaultGroup<TFault>(fault);
            _groups.Add(key, group);
            _order.Add(group);
        }
        group.Count++;
        if (group.Count > reportedOneByOne)
        {
            return false;
        }
        if (source is not null)
        {
            group.Sources.Add(source);
        }
        return true;
    }

    /// <summary>Every group in the order its first fault came.</summary>
    public IEnumerable<RepeatedFaultGroup<TFault>> All => _order;

    /// <summary>The groups that had more faults than were reported one by one.</summary>
    public IEnumerable<RepeatedFaultGroup<TFault>> Repeated => _order.Where(g => g.Count > reportedOneByOne);
}
