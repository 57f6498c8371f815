using System.Text.Json;
using System.Text.Json.Nodes;
using EntraInboundProvisioning.LocalEndpoint.Diagnostics;
using EntraInboundProvisioning.LocalEndpoint.Faults;
using EntraInboundProvisioning.LocalEndpoint.Processing;
using EntraInboundProvisioning.LocalEndpoint.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EntraInboundProvisioning.LocalEndpoint.Endpoints;

/// <summary>The endpoint's own controls under /_local: what it is, what it provisioned, reset, tokens and faults.</summary>
internal static class AdminEndpoints
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static void Map(IEndpointRouteBuilder app)
    {
        RouteGroupBuilder local = app.MapGroup("/_local");
        local.MapGet("/info", (HttpContext context, ProvisioningState state, UploadQueue queue, FaultInjector faults, UploadWarnings warnings) => Results.Json(new
        {
            graphUri = RequestContext.BaseUri(context),
            identityEndpoint = RequestContext.BaseUri(context) + IdentityEndpoints.Path,
            tenantId = state.TenantId,
            servicePrincipals = state.ServicePrincipals.Select(sp => new { sp.Id, sp.AppId, sp.DisplayName, sp.JobIds }),
            pendingUploads = queue.Pending,
            quotaUsed = faults.QuotaUsed,
            warnings = warnings.Latest(),
        }, Web));

        local.MapGet("/directory", (HttpContext context, string? jobId, TokenStore tokens, ProvisioningState state) =>
            Admin(context, tokens) ?? Results.Json(state.Users(jobId), Web));

        local.MapPost("/reset", (HttpContext context, TokenStore tokens, ProvisioningState state, FaultInjector faults, UploadWarnings warnings) =>
        {
            if (Admin(context, tokens) is { } denied)
            {
                return denied;
            }
            state.Reset();
            warnings.Clear();
            faults.Configure(faults.Options);
            return Results.NoContent();
        });

        local.MapPost("/tokens", async (HttpContext context, TokenStore tokens) =>
        {
            if (Admin(context, tokens) is { } denied)
            {
                return denied;
            }
            (JsonNode? body, IResult? unreadable) = await ReadJsonAsync(context);
            if (unreadable is not null)
            {
                return unreadable;
            }
            JsonNode? given = body?["roles"];
            if (given is not null && (given is not JsonArray list || list.Any(r => r?.GetValueKind() != JsonValueKind.String)))
            {
                return BadRequest("'roles' must be an array of permission names, such as [\"AuditLog.Read.All\"].");
            }
            string[] roles = given?.AsArray().Select(r => (string)r!).ToArray() ?? [];
            (string token, TokenInfo info) = tokens.Issue(roles, TimeSpan.FromHours(1));
            return Results.Json(new { access_token = token, expires_on = info.ExpiresOn.ToUnixTimeSeconds(), roles });
        });

        local.MapPut("/settings", async (HttpContext context, TokenStore tokens, LocalEndpointOptions options) =>
        {
            if (Admin(context, tokens) is { } denied)
            {
                return denied;
            }
            (JsonNode? body, IResult? unreadable) = await ReadJsonAsync(context);
            if (unreadable is not null)
            {
                return unreadable;
            }
            if (body?["deletionThreshold"] is JsonValue threshold && threshold.TryGetValue(out int value) && value >= 0)
            {
                options.DeletionThreshold = value;
            }
            return Results.Json(new { deletionThreshold = options.DeletionThreshold }, Web);
        });

        local.MapGet("/faults", (HttpContext context, TokenStore tokens, FaultInjector faults) =>
            Admin(context, tokens) ?? Results.Json(faults.Options, Web));

        local.MapPut("/faults", async (HttpContext context, TokenStore tokens, FaultInjector faults) =>
        {
            if (Admin(context, tokens) is { } denied)
            {
                return denied;
            }
            (JsonNode? body, IResult? unreadable) = await ReadJsonAsync(context);
            if (unreadable is not null)
            {
                return unreadable;
            }
            FaultOptions? options;
            try
            {
                options = body?.Deserialize<FaultOptions>(Web);
            }
            catch (JsonException ex)
            {
                return BadRequest($"The body is not FaultOptions: {ex.Message}");
            }
            if (options is null)
            {
                return BadRequest("The body must be a JSON object of FaultOptions, such as {\"rateLimitCalls\":40,\"dropRate\":0.1}.");
            }
            faults.Configure(options);
            return Results.Json(options, Web);
        });
    }

    // An empty body reads as null.
    private static async Task<(JsonNode? Body, IResult? Unreadable)> ReadJsonAsync(HttpContext context)
    {
        try
        {
            return (context.Request.ContentLength == 0 ? null : await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted), null);
        }
        catch (JsonException ex)
        {
            return (null, BadRequest($"The body is not valid JSON: {ex.Message}"));
        }
    }

    private static IResult BadRequest(string message) => Results.Json(new { error = message }, statusCode: 400);

    // The controls change what every client sees, so they take the static token only.
    private static IResult? Admin(HttpContext context, TokenStore tokens) =>
        context.Request.Headers.Authorization.ToString() == "Bearer " + tokens.StaticToken
            ? null
            : Results.Json(new { error = "The /_local controls need 'Authorization: Bearer <the static token given at start>'." }, statusCode: 401);
}
