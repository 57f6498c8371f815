namespace EntraInboundProvisioning.Engine.Mapping;

/// <summary>Finds the known name nearest to a misspelt one, for messages that say what was probably meant.</summary>
public static class NameSuggester
{
    public static string? Nearest(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        bool bestContains = false;
        foreach (string candidate in candidates)
        {
            int d = Distance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            // Of equally near names, one that is part of the other (Status in WorkerStatus) is the likelier meaning.
            bool contains = candidate.Length >= 3 && name.Length >= 3
                && (name.Contains(candidate, StringComparison.OrdinalIgnoreCase) || candidate.Contains(name, StringComparison.OrdinalIgnoreCase));
            if (d < bestDistance || (d == bestDistance && contains && !bestContains))
            {
                bestDistance = d;
                best = candidate;
                bestContains = contains;
            }
        }
        return best is not null && bestDistance <= Math.Max(2, name.Length / 2) ? best : null;
    }

    public static string DidYouMean(string name, IEnumerable<string> candidates) =>
        Nearest(name, candidates) is { } nearest ? $" Did you mean '{nearest}'?" : string.Empty;

    /// <summary>The Levenshtein distance: how many single-character edits turn one string into the other.</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
