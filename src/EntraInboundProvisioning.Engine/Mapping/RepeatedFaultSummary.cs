using EntraInboundProvisioning.Engine.Faults;

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

    private readonly RepeatedFaultGroups<(ScimRecordFaultKind, string, string?), ScimRecordFault> _groups = new(reportedOneByOne);

    /// <summary>Counts a fault; returns whether it is among the first of its kind and key, to be reported one by one.</summary>
    public bool Add(ScimRecordFault fault) =>
        _groups.Add((fault.Kind, fault.Key, fault.Kind == ScimRecordFaultKind.DuplicateExternalId ? fault.Value : null), fault, fault.Source);

    /// <summary>How many faults of this kind there were in all.</summary>
    public long Count(ScimRecordFaultKind kind) => _groups.All.Where(g => g.First.Kind == kind).Sum(g => g.Count);

    /// <summary>One fault for each kind and key that had more faults than were reported one by one.</summary>
    public IEnumerable<ScimRecordFault> Summaries() => _groups.Repeated.Select(g =>
        g.First with
        {
            Message = $"{g.Count} records failed at mapping key '{g.First.Key}' the same way; the first {reportedOneByOne} were reported one by one" +
                (g.Sources.Count > 0 ? $" ({string.Join(", ", g.Sources)})" : string.Empty) +
                $" and the other {g.Count - reportedOneByOne} were not sent either. So many records failing alike usually means a mistake in " +
                $"the mapping, not in the data. The first: {g.First.Message}",
        });
}
