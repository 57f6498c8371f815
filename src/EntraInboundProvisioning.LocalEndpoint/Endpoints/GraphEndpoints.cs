using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EntraInboundProvisioning.LocalEndpoint.Diagnostics;
using EntraInboundProvisioning.LocalEndpoint.Faults;
using EntraInboundProvisioning.LocalEndpoint.Graph;
using EntraInboundProvisioning.LocalEndpoint.Processing;
using EntraInboundProvisioning.LocalEndpoint.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EntraInboundProvisioning.LocalEndpoint.Endpoints;

/// <summary>The Graph paths of API-driven inbound provisioning, under /v1.0 and /beta.</summary>
internal static partial class GraphEndpoints
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 1000;

    public static void Map(IEndpointRouteBuilder app)
    {
        foreach (string version in new[] { "v1.0", "beta" })
        {
            RouteGroupBuilder graph = app.MapGroup("/" + version);
            graph.MapPost("/servicePrincipals/{spId}/synchronization/jobs/{jobId}/bulkUpload", BulkUpload);
            graph.MapGet("/servicePrincipals", ListServicePrincipals);
            graph.MapGet("/servicePrincipals/{spId}", GetServicePrincipal);
            graph.MapGet("/servicePrincipals/{spId}/synchronization/jobs", ListJobs);
            graph.MapGet("/servicePrincipals/{spId}/synchronization/jobs/{jobId}", GetJob);
            graph.MapGet("/auditLogs/provisioning", ListLogs);
        }
    }

    private static async Task<IResult> BulkUpload(HttpContext context, string spId, string jobId, TokenStore tokens, ProvisioningState state,
        FaultInjector faults, UploadQueue queue, UploadWarnings warnings, LocalEndpointOptions options, TimeProvider time)
    {
        if (RequestContext.Authorize(context, tokens, Permissions.Upload) is { } denied)
        {
            return denied;
        }
        if (FindJob(context, state, spId, jobId) is { } missing)
        {
            return missing;
        }

        if (faults.Options.Latency > TimeSpan.Zero)
        {
            await Task.Delay(faults.Options.Latency, time, context.RequestAborted);
        }
        FaultDecision fault = faults.Decide();
        switch (fault.Kind)
        {
            case FaultKind.QuotaSpent:
                return GraphError.Result(context, 429, "TooManyRequests",
                    $"The tenant's daily quota of {faults.Options.DailyQuota} bulkUpload calls is spent; it renews at 00:00 UTC.", fault.RetryAfter);
            case FaultKind.Throttled:
                return GraphError.Result(context, 429, "TooManyRequests",
                    $"Too many requests: at most {faults.Options.RateLimitCalls} calls per {faults.Options.RateLimitWindow.TotalSeconds:0} seconds.", fault.RetryAfter);
            case FaultKind.BucketFull:
                return GraphError.Result(context, 500, "InternalServerError", "The bucket is full. The provisioning service cannot take more uploads now; retry in a few minutes.");
            case FaultKind.Unavailable:
                return GraphError.Result(context, 503, "ServiceUnavailable", "The service is temporarily unavailable.", fault.RetryAfter);
            case FaultKind.Drop:
                context.Abort();
                return Results.Empty;
            case FaultKind.Slow:
                await Task.Delay(faults.Options.SlowDelay, time, context.RequestAborted);
                break;
        }

        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        string? problem = BulkRequestValidator.Validate(context.Request.ContentType, body.ToArray(), out JsonArray? operations, out List<string> suspicious);
        if (problem is not null)
        {
            return GraphError.Result(context, 400, "BadRequest", problem);
        }
        string requestId = context.Response.Headers["request-id"].ToString();
        foreach (string message in suspicious)
        {
            warnings.Report(new UploadWarning(time.GetUtcNow(), jobId, requestId, message));
        }

        queue.Enqueue(new PendingUpload(spId, jobId, operations!, time.GetUtcNow() + options.ProcessingDelay, requestId));
        // These faults come after the upload was taken: the service did the work, but the client never learns it.
        switch (fault.Kind)
        {
            case FaultKind.ResetAfterBody:
                context.Abort();
                return Results.Empty;
            case FaultKind.GatewayTimeout:
                return GraphError.Result(context, 504, "GatewayTimeout", "The gateway did not get an answer in time.");
            case FaultKind.Held:
                await Task.Delay(faults.Options.HoldDelay, time, context.RequestAborted);
                break;
        }
        string filter = Uri.EscapeDataString($"jobid eq '{jobId}'");
        context.Response.Headers.Location = $"{RequestContext.BaseUri(context)}/v1.0/auditLogs/provisioning/?$filter={filter}";
        return Results.StatusCode(202);
    }

    private static IResult ListServicePrincipals(HttpContext context, TokenStore tokens, ProvisioningState state)
    {
        if (RequestContext.Authorize(context, tokens, Permissions.ReadApplications) is { } denied)
        {
            return denied;
        }
        string filter = context.Request.Query["$filter"].ToString();
        var wanted = QuotedValues().Matches(filter).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var value = new JsonArray(state.ServicePrincipals
            .Where(sp => wanted.Count == 0 || wanted.Contains(sp.Id) || wanted.Contains(sp.AppId))
            .Select(sp => (JsonNode)ServicePrincipalJson(sp)).ToArray());
        return Json(new JsonObject { ["@odata.context"] = $"{RequestContext.BaseUri(context)}/v1.0/$metadata#servicePrincipals", ["value"] = value });
    }

    private static IResult GetServicePrincipal(HttpContext context, string spId, TokenStore tokens, ProvisioningState state)
    {
        if (RequestContext.Authorize(context, tokens, Permissions.ReadApplications) is { } denied)
        {
            return denied;
        }
        return state.FindServicePrincipal(spId) is { } sp
            ? Json(ServicePrincipalJson(sp))
            : GraphError.Result(context, 404, "Request_ResourceNotFound", $"Resource '{spId}' does not exist or one of its queried reference-property objects are not present.");
    }

    private static IResult ListJobs(HttpContext context, string spId, TokenStore tokens, ProvisioningState state)
    {
        if (RequestContext.Authorize(context, tokens, Permissions.JobRead[0], Permissions.JobRead[1..]) is { } denied)
        {
            return denied;
        }
        if (state.FindServicePrincipal(spId) is not { } sp)
        {
            return GraphError.Result(context, 404, "Request_ResourceNotFound", $"The service principal '{spId}' does not exist.");
        }
        return Json(new JsonObject { ["value"] = new JsonArray(sp.JobIds.Select(j => (JsonNode)state.WithJob(j, JobEndpoints.Json)).ToArray()) });
    }

    private static IResult GetJob(HttpContext context, string spId, string jobId, TokenStore tokens, ProvisioningState state)
    {
        if (RequestContext.Authorize(context, tokens, Permissions.JobRead[0], Permissions.JobRead[1..]) is { } denied)
        {
            return denied;
        }
        return FindJob(context, state, spId, jobId)
            ?? Json(state.WithJob(state.FindServicePrincipal(spId)!.JobIds.First(j => string.Equals(j, jobId, StringComparison.OrdinalIgnoreCase)), JobEndpoints.Json));
    }

    private static IResult ListLogs(HttpContext context, TokenStore tokens, ProvisioningState state)
    {
        if (RequestContext.Authorize(context, tokens, Permissions.ReadAuditLogs) is { } denied)
        {
            return denied;
        }
        LogQuery? query = LogQuery.Parse(context.Request.Query["$filter"].ToString(), out string? error);
        if (query is null)
        {
            return GraphError.Result(context, 400, "BadRequest", error!);
        }
        int top = DefaultPageSize;
        string topText = context.Request.Query["$top"].ToString();
        if (topText.Length > 0 && (!int.TryParse(topText, NumberStyles.None, CultureInfo.InvariantCulture, out top) || top < 1 || top > MaxPageSize))
        {
            return GraphError.Result(context, 400, "BadRequest", $"Invalid $top '{topText}': give a whole number from 1 to {MaxPageSize}.");
        }
        int skip = 0;
        string token = context.Request.Query["$skiptoken"].ToString();
        if (token.Length > 0 && !TryReadSkipToken(token, out skip))
        {
            return GraphError.Result(context, 400, "BadRequest", "Invalid $skiptoken: use the @odata.nextLink of the previous page as it is.");
        }

        List<JsonObject> matching = state.Logs().Where(query.Matches)
            .OrderByDescending(e => (string)e["activityDateTime"]!, StringComparer.Ordinal).ThenBy(e => (string)e["id"]!, StringComparer.Ordinal)
            .ToList();
        List<JsonObject> page = matching.Skip(skip).Take(top).ToList();
        var response = new JsonObject
        {
            ["@odata.context"] = $"{RequestContext.BaseUri(context)}/v1.0/$metadata#auditLogs/provisioning",
            ["value"] = new JsonArray(page.Select(e => e.DeepClone()).ToArray()),
        };
        if (skip + page.Count < matching.Count)
        {
            var next = new StringBuilder($"{RequestContext.BaseUri(context)}{context.Request.Path}?");
            string filter = context.Request.Query["$filter"].ToString();
            if (filter.Length > 0)
            {
                next.Append("$filter=").Append(Uri.EscapeDataString(filter)).Append('&');
            }
            next.Append("$top=").Append(top).Append("&$skiptoken=").Append(SkipToken(skip + page.Count));
            response["@odata.nextLink"] = next.ToString();
        }
        return Json(response);
    }

    internal static IResult? FindJob(HttpContext context, ProvisioningState state, string spId, string jobId)
    {
        if (state.FindServicePrincipal(spId) is not { } sp)
        {
            return GraphError.Result(context, 404, "Request_ResourceNotFound",
                $"The service principal '{spId}' does not exist. Use the object id of the provisioning app's service principal.");
        }
        return sp.JobIds.Any(j => string.Equals(j, jobId, StringComparison.OrdinalIgnoreCase))
            ? null
            : GraphError.Result(context, 404, "ResourceNotFound", $"The synchronization job '{jobId}' does not exist for service principal '{spId}'.");
    }

    private static JsonObject ServicePrincipalJson(ServicePrincipalOptions sp) => new()
    {
        ["id"] = sp.Id, ["appId"] = sp.AppId, ["displayName"] = sp.DisplayName, ["servicePrincipalType"] = "Application",
    };

    private static string SkipToken(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes("offset:" + offset.ToString(CultureInfo.InvariantCulture)));

    private static bool TryReadSkipToken(string token, out int offset)
    {
        offset = 0;
        try
        {
            string text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            return text.StartsWith("offset:", StringComparison.Ordinal) && int.TryParse(text[7..], NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static IResult Json(JsonObject body) => GraphJson.Result(body);

    [GeneratedRegex(@"'([^']*)'")]
    private static partial Regex QuotedValues();
}
