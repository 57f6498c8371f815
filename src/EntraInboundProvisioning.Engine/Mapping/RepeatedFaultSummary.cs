namespace EntraInboundProvisioning.Engine.Mapping;

/// <summary>
/// Keeps a mistake that fails many records the same way (a mapping key that no record can satisfy, an externalId
/// column read from the wrong place) from flooding the error stream: the first faults of each kind and key are
/// reported one by one, the rest are counted, and <see cref="Summaries"/> then says once how many there were.
/// Duplicate externalIds count as the same mistake only when they repeat the same ID.
/// </summary>
public sealed class RepeatedFaultSummary(int reportedOneByOne = RepeatedFaultSummary.DefaultReportedOneByOne)
{
    public const int DefaultReportedOneByOne = 5;

    private readonly Dictionary<(ScimRecordFaultKind, string, string?), Group> _groups = [];
    private readonly List<Group> _order = [];

    /// <summary>Counts a fault; returns whether it is among the first of its kind and key, to be reported one by one.</summary>
    public bool Add(ScimRecordFault fault)
    {
        var key = (fault.Kind, fault.Key, fault.Kind == ScimRecordFaultKind.DuplicateExternalId ? fault.Value : null);
        if (!_groups.TryGetValue(key, out Group? group))
        {
            group = new Group(fault);
            _groups.Add(key, group);
            _order.Add(group);
        }
        group.Count++;
        if (group.Count > reportedOneByOne)
        {
            return false;
        }
        if (fault.Source is { } source)
        {
            group.Sources.Add(source);
        }
        return true;
    }

    /// <summary>How many faults of this kind there were in all.</summary>
    public long Count(ScimRecordFaultKind kind) => _order.Where(g => g.First.Kind == kind).Sum(g => g.Count);

    /// <summary>One fault for each kind and key that had more faults than were reported one by one.</summary>
    public IEnumerable<ScimRecordFault> Summaries() => _order.Where(g => g.Count > reportedOneByOne).Select(g =>
        g.First with
        {
            Message = $"{g.Count} records failed at mapping key '{g.First.Key}' the same way; the first {reportedOneByOne} were reported one by one" +
                (g.Sources.Count > 0 ? $" ({string.Join(", ", g.Sources)})" : string.Empty) +
                $" and the other {g.Count - reportedOneByOne} were not sent either. So many records failing alike usually means a mistake in " +
                $"the mapping, not in the data. The first: {g.First.Message}",
        });

    private sealed class Group(ScimRecordFault first)
    {
        public ScimRecordFault First { get; } = first;

        public long Count { get; set; }

        public List<string> Sources { get; } = [];
    }
}
