namespace EntraInboundProvisioning.Engine.Csv;

/// <summary>
/// The column names of one source, shared by all of its records, so that a consumer can resolve a
/// column to an index once per source instead of once per record.
/// </summary>
public sealed class HrColumnSet
{
    private readonly Dictionary<string, int> _index;

    public HrColumnSet(IReadOnlyList<string> names)
    {
        Names = names.ToArray();
        _index = new Dictionary<string, int>(Names.Count, StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < Names.Count; i++)
        {
            _index.TryAdd(Names[i], i);
        }
    }

    public IReadOnlyList<string> Names { get; }

    public int Count => Names.Count;

    /// <summary>The index of a column, matched case-insensitively, or -1.</summary>
    public int IndexOf(string name) => _index.TryGetValue(name, out int i) ? i : -1;
}
