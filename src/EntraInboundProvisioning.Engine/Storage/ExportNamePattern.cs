using System.Text;
using System.Text.RegularExpressions;

namespace EntraInboundProvisioning.Engine.Storage;

/// <summary>
/// A name in a folder with the wildcard '*' (any characters but '/'). '?' is no wildcard: in a URL it starts the query,
/// so a '?' that reaches a pattern came as %3F and is part of a name. Blob names are case-sensitive, and so is their
/// match; Azure Files keeps the case of names but ignores it, and so does its match (<paramref name="ignoreCase"/>).
/// </summary>
public sealed class ExportNamePattern
{
    private readonly Regex _regex;

    public ExportNamePattern(string pattern, bool ignoreCase)
    {
        var text = new StringBuilder("^");
        foreach (char c in pattern)
        {
            text.Append(c == '*' ? "[^/]*" : Regex.Escape(c.ToString()));
        }
        _regex = new Regex(text.Append('$').ToString(), (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None) | RegexOptions.CultureInvariant);
        int wildcard = pattern.IndexOf('*');
        LiteralPrefix = wildcard < 0 ? pattern : pattern[..wildcard];
    }

    /// <summary>The part before the first wildcard: listings of a case-sensitive service ask only for names that start with it.</summary>
    public string LiteralPrefix { get; }

    public bool IsMatch(string name) => _regex.IsMatch(name);
}
