using System.Text;
using System.Text.RegularExpressions;

namespace EntraInboundProvisioning.Engine.Storage;

/// <summary>A name in a folder with the wildcards '*' (any characters) and '?' (one character), matched without regard to case.</summary>
public sealed class ExportNamePattern
{
    private readonly Regex _regex;

    public ExportNamePattern(string pattern)
    {
        var text = new StringBuilder("^");
        foreach (char c in pattern)
        {
            text.Append(c switch
            {
                '*' => "[^/]*",
                '?' => "[^/]",
                _ => Regex.Escape(c.ToString()),
            });
        }
        _regex = new Regex(text.Append('$').ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        LiteralPrefix = pattern[..IndexOfWildcard(pattern)];
    }

    /// <summary>The part before the first wildcard: listings ask the service only for names that start with it.</summary>
    public string LiteralPrefix { get; }

    public bool IsMatch(string name) => _regex.IsMatch(name);

    private static int IndexOfWildcard(string pattern)
    {
        int i = pattern.AsSpan().IndexOfAny('*', '?');
        return i < 0 ? pattern.Length : i;
    }
}
