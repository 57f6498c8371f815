using System.Globalization;

namespace EntraInboundProvisioning.Engine.Csv;

/// <summary>
/// Line numbers kept as runs of consecutive lines, so that a mistake on every line of a large file is named in full
/// ("lines 2-100001") in a few bytes, and a few lines anywhere are each named ("lines 12, 480, 901-903").
/// </summary>
public sealed class LineRanges
{
    private readonly List<(long First, long Last)> _runs = [];

    public long Count { get; private set; }

    /// <summary>Adds a line after those added before it.</summary>
    public void Add(long line)
    {
        Count++;
        if (_runs.Count > 0 && _runs[^1].Last + 1 == line)
        {
            _runs[^1] = (_runs[^1].First, line);
            return;
        }
        _runs.Add((line, line));
    }

    public IEnumerable<long> Lines => _runs.SelectMany(run => Enumerable.Range(0, checked((int)(run.Last - run.First + 1))).Select(i => run.First + i));

    public override string ToString() => string.Join(", ", _runs.Select(run => run.First == run.Last
        ? run.First.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{run.First}-{run.Last}")));
}
