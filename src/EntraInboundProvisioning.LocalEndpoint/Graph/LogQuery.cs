using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EntraInboundProvisioning.LocalEndpoint.Graph;

/// <summary>
/// The $filter clauses that /auditLogs/provisioning takes here, joined by 'and': jobId, cycleId, changeId,
/// sourceIdentity/id, targetIdentity/id, provisioningStatusInfo/status, provisioningAction (eq, ne) and
/// activityDateTime (eq, ge, gt, le, lt).
/// </summary>
public sealed partial class LogQuery
{
    private static readonly Dictionary<string, string[]> Paths = new(StringComparer.OrdinalIgnoreCase)
    {
        ["jobId"] = ["jobId"],
        ["cycleId"] = ["cycleId"],
        ["changeId"] = ["changeId"],
        ["provisioningAction"] = ["provisioningAction"],
        ["sourceIdentity/id"] = ["sourceIdentity", "id"],
        ["targetIdentity/id"] = ["targetIdentity", "id"],
        ["provisioningStatusInfo/status"] = ["provisioningStatusInfo", "status"],
        ["servicePrincipal/id"] = ["servicePrincipal", "id"],
    };

    private readonly List<Func<JsonObject, bool>> _clauses = [];

    private LogQuery()
    {
    }

    /// <summary>Parses a $filter; returns null and an error message for a clause it does not support.</summary>
    public static LogQuery? Parse(string? filter, out string? error)
    {
        error = null;
        var query = new LogQuery();
        if (string.IsNullOrWhiteSpace(filter))
        {
            return query;
        }
        foreach (string clause in AndSplitter().Split(filter.Trim()))
        {
            Match match = ClauseRegex().Match(clause.Trim());
            if (!match.Success)
            {
                error = $"Invalid filter clause: '{clause.Trim()}'. Write clauses as 'property op value' joined by 'and'.";
                return null;
            }
            string property = match.Groups["property"].Value;
            string op = match.Groups["op"].Value.ToLowerInvariant();
            string value = match.Groups["value"].Value;
            bool quoted = value.StartsWith('\'');
            string literal = quoted ? value[1..^1].Replace("''", "'", StringComparison.Ordinal) : value;

            if (string.Equals(property, "activityDateTime", StringComparison.OrdinalIgnoreCase))
            {
                if (!DateTimeOffset.TryParse(literal, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset when)
                    || op is not ("eq" or "ge" or "gt" or "le" or "lt"))
                {
                    error = $"Invalid filter clause: '{clause.Trim()}'. activityDateTime takes eq, ge, gt, le or lt and a date such as 2024-01-01T00:00:00Z.";
                    return null;
                }
                query._clauses.Add(entry => Compare(DateTimeOffset.Parse((string)entry["activityDateTime"]!, CultureInfo.InvariantCulture), op, when));
                continue;
            }
            if (!Paths.TryGetValue(property, out string[]? path) || !quoted || op is not ("eq" or "ne"))
            {
                error = $"Invalid filter clause: '{clause.Trim()}'. Supported: {string.Join(", ", Paths.Keys)} with eq or ne and a quoted value, " +
                    "and activityDateTime with eq, ge, gt, le or lt.";
                return null;
            }
            query._clauses.Add(entry =>
            {
                bool equal = string.Equals(Lookup(entry, path), literal, StringComparison.OrdinalIgnoreCase);
                return op == "eq" ? equal : !equal;
            });
        }
        return query;
    }

    public bool Matches(JsonObject entry) => _clauses.All(c => c(entry));

    private static bool Compare(DateTimeOffset actual, string op, DateTimeOffset value) => op switch
    {
        "eq" => actual == value,
        "ge" => actual >= value,
        "gt" => actual > value,
        "le" => actual <= value,
        _ => actual < value,
    };

    private static string? Lookup(JsonObject entry, string[] path)
    {
        JsonNode? node = entry;
        foreach (string step in path)
        {
            node = node?[step];
        }
        return node?.GetValue<string>();
    }

    [GeneratedRegex(@"\s+and\s+(?=(?:[^']*'[^']*')*[^']*$)", RegexOptions.IgnoreCase)]
    private static partial Regex AndSplitter();

    [GeneratedRegex(@"^(?<property>[A-Za-z]+(?:/[A-Za-z]+)?)\s+(?<op>eq|ne|ge|gt|le|lt)\s+(?<value>'(?:[^']|'')*'|[0-9T:\.\-+Z]+)$", RegexOptions.IgnoreCase)]
    private static partial Regex ClauseRegex();
}
