using System.Globalization;

namespace EntraInboundProvisioning.Engine.Logs;

/// <summary>Which log entries to read; becomes the $filter of GET /auditLogs/provisioning.</summary>
public sealed record ProvisioningLogQuery
{
    public string? JobId { get; init; }

    public DateTimeOffset? Since { get; init; }

    public DateTimeOffset? Until { get; init; }

    /// <summary>success, failure, skipped or warning.</summary>
    public string? Status { get; init; }

    /// <summary>create, update, delete, stagedDelete, disable or other.</summary>
    public string? Action { get; init; }

    /// <summary>One worker's externalId (sourceIdentity/id).</summary>
    public string? ExternalId { get; init; }

    public string? CycleId { get; init; }

    public int PageSize { get; init; } = 500;

    public string? ToFilter()
    {
        var clauses = new List<string>();
        void Equal(string property, string? value)
        {
            if (value is not null)
            {
                clauses.Add($"{property} eq '{value.Replace("'", "''", StringComparison.Ordinal)}'");
            }
        }
        Equal("jobId", JobId);
        Equal("cycleId", CycleId);
        Equal("sourceIdentity/id", ExternalId);
        Equal("provisioningStatusInfo/status", Status);
        Equal("provisioningAction", Action);
        if (Since is { } since)
        {
            clauses.Add($"activityDateTime ge {since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}");
        }
        if (Until is { } until)
        {
            clauses.Add($"activityDateTime lt {until.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}");
        }
        return clauses.Count == 0 ? null : string.Join(" and ", clauses);
    }
}
