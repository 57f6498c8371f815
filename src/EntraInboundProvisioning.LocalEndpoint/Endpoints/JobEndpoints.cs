using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EntraInboundProvisioning.LocalEndpoint.Graph;
using EntraInboundProvisioning.LocalEndpoint.Jobs;
using EntraInboundProvisioning.LocalEndpoint.Processing;
using EntraInboundProvisioning.LocalEndpoint.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EntraInboundProvisioning.LocalEndpoint.Endpoints;

/// <summary>A job's controls and schema: POST pause, start, restart (criteria.resetScope); GET and PUT schema.</summary>
internal static class JobEndpoints
{
    private const string JobPath = "/servicePrincipals/{spId}/synchronization/jobs/{jobId}";
    private static readonly string[] ResetScopes = ["None", "ConnectorDataStore", "Escrows", "Watermark", "QuarantineState", "Full", "ForceDeletes"];

    public static void Map(IEndpointRouteBuilder app)
    {
        foreach (string version in new[] { "v1.0", "beta" })
        {
            RouteGroupBuilder graph = app.MapGroup("/" + version);
            graph.MapPost(JobPath + "/pause", Pause);
            graph.MapPost(JobPath + "/start", Start);
            graph.MapPost(JobPath + "/restart", Restart);
            graph.MapGet(JobPath + "/schema", GetSchema);
            graph.MapPut(JobPath + "/schema", PutSchema);
        }
    }

    /// <summary>The synchronizationJob in the v1.0 shape, its status as the job's state says.</summary>
    public static JsonObject Json(JobState job) => new()
    {
        ["id"] = job.JobId,
        ["templateId"] = job.JobId.Split('.')[0],
        ["schedule"] = new JsonObject { ["expiration"] = null, ["interval"] = "PT40M", ["state"] = job.Code == "Paused" ? "Disabled" : "Active" },
        ["status"] = new JsonObject
        {
            ["code"] = job.Code,
            ["countSuccessiveCompleteFailures"] = job.SuccessiveFailures,
            ["escrowsPruned"] = false,
            ["lastExecution"] = Execution(job.LastExecution),
            ["lastSuccessfulExecution"] = Execution(job.LastSuccessfulExecution),
            ["lastSuccessfulExecutionWithExports"] = Execution(job.LastExecutionWithExports),
            ["progress"] = new JsonArray(),
            ["quarantine"] = job.QuarantineReason is null ? null : new JsonObject
            {
                ["currentBegan"] = Time(job.QuarantineBegan),
                ["nextAttempt"] = Time(job.QuarantineBegan?.AddHours(1)),
                ["reason"] = job.QuarantineReason,
                ["seriesBegan"] = Time(job.QuarantineSeriesBegan),
                ["seriesCount"] = job.QuarantineSeriesCount,
                ["error"] = new JsonObject
                {
                    ["code"] = job.QuarantineReason,
                    ["message"] = $"{job.StagedDisables.Count} disables are held by the accidental-deletion threshold.",
                    ["tenantActionable"] = true,
                },
            },
            ["steadyStateFirstAchievedTime"] = Time(job.SteadyStateFirstAchieved) ?? "0001-01-01T00:00:00Z",
            ["steadyStateLastAchievedTime"] = Time(job.SteadyStateLastAchieved) ?? "0001-01-01T00:00:00Z",
            ["synchronizedEntryCountByType"] = new JsonArray(),
            ["troubleshootingUrl"] = null,
        },
        ["synchronizationJobSettings"] = new JsonArray(),
    };

    private static IResult Pause(HttpContext context, string spId, string jobId, TokenStore tokens, ProvisioningState state) =>
        Change(context, spId, jobId, tokens, state) ?? Done(state.WithJob(jobId, job => job.Code = "Paused"));

    private static IResult Start(HttpContext context, string spId, string jobId, TokenStore tokens, ProvisioningState state, UploadQueue queue, TimeProvider time)
    {
        if (Change(context, spId, jobId, tokens, state) is { } refused)
        {
            return refused;
        }
        // Start clears any quarantine, as Microsoft documents, and applies the held uploads; staged disables
        // (TooManyDeletes) stay staged, not applied: only a restart with ForceDeletes applies them.
        List<PendingUpload> held = state.WithJob(jobId, job =>
        {
            job.LiftQuarantine();
            job.Resume();
            List<PendingUpload> uploads = [.. job.Held];
            job.Held.Clear();
            return uploads;
        });
        foreach (PendingUpload upload in held)
        {
            queue.Enqueue(upload with { DueAt = time.GetUtcNow() });
        }
        return Results.NoContent();
    }

    private static async Task<IResult> Restart(HttpContext context, string spId, string jobId, TokenStore tokens, ProvisioningState state,
        LocalEndpointOptions options, TimeProvider time)
    {
        if (Change(context, spId, jobId, tokens, state) is { } refused)
        {
            return refused;
        }
        JsonNode? body = null;
        try
        {
            body = context.Request.ContentLength is null or > 0 ? await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) : null;
        }
        catch (JsonException ex)
        {
            return GraphError.Result(context, 400, "BadRequest", $"The request body is not valid JSON: {ex.Message}");
        }
        string scopeText = body?["criteria"]?["resetScope"] is JsonValue value && value.TryGetValue(out string? text) ? text : "";
        var scopes = scopeText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (scopes.FirstOrDefault(s => !ResetScopes.Contains(s, StringComparer.OrdinalIgnoreCase)) is { } unknown)
        {
            return GraphError.Result(context, 400, "BadRequest", $"Unknown resetScope '{unknown}': use {string.Join(", ", ResetScopes)}.");
        }
        // No scope is the portal's restart: QuarantineState, Watermark and Escrows.
        bool liftQuarantine = scopes.Count == 0 || scopes.Contains("QuarantineState") || scopes.Contains("Full");
        bool forceDeletes = scopes.Contains("ForceDeletes");
        bool resetEscrows = scopes.Count == 0 || scopes.Contains("Escrows") || scopes.Contains("Full");

        List<JsonObject> staged = state.WithJob(jobId, job =>
        {
            // A restart drops what was uploaded while the job was not running.
            job.Held.Clear();
            List<JsonObject> disables = forceDeletes ? [.. job.StagedDisables] : [];
            if (forceDeletes || liftQuarantine)
            {
                job.StagedDisables.Clear();
                job.LiftQuarantine();
                job.Resume();
            }
            else if (job.Code == "Paused")
            {
                job.Code = job.QuarantineReason is null ? (job.HasRun ? "Active" : "NotRun") : "Quarantine";
            }
            if (resetEscrows)
            {
                job.SuccessiveFailures = 0;
            }
            return disables;
        });
        if (staged.Count > 0)
        {
            ProvisioningCycle.Run(state, state.FindServicePrincipal(spId)!, jobId, staged, options.DeletionThreshold, time.GetUtcNow(), forceDeletes: true);
        }
        return Results.NoContent();
    }

    private static IResult GetSchema(HttpContext context, string spId, string jobId, TokenStore tokens, ProvisioningState state)
    {
        if (Authorize(context, spId, jobId, tokens, state, Permissions.SchemaRead) is { } refused)
        {
            return refused;
        }
        var schema = new JsonObject
        {
            ["@odata.context"] = $"{RequestContext.BaseUri(context)}/v1.0/$metadata#servicePrincipals('{spId}')/synchronization/jobs('{jobId}')/schema/$entity",
        };
        foreach ((string key, JsonNode? value) in state.WithJob(jobId, job => (JsonObject)job.Schema.DeepClone()).ToList())
        {
            schema[key] = value?.DeepClone();
        }
        return GraphJson.Result(schema);
    }

    private static async Task<IResult> PutSchema(HttpContext context, string spId, string jobId, TokenStore tokens, ProvisioningState state, TimeProvider time)
    {
        if (Authorize(context, spId, jobId, tokens, state, Permissions.SchemaWrite) is { } refused)
        {
            return refused;
        }
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException ex)
        {
            return GraphError.Result(context, 400, "BadRequest", $"The request body is not valid JSON: {ex.Message}");
        }
        if (JobSchema.Validate(body) is { } problem)
        {
            return GraphError.Result(context, 400, "BadRequest", problem);
        }
        var schema = (JsonObject)body!;
        schema.Remove("@odata.context");
        schema["id"] = jobId;
        schema["version"] = "date:" + time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        state.WithJob(jobId, job => job.Schema = schema);
        return Results.NoContent();
    }

    private static IResult? Authorize(HttpContext context, string spId, string jobId, TokenStore tokens, ProvisioningState state, string[] accepted) =>
        RequestContext.Authorize(context, tokens, accepted[0], accepted[1..]) ?? GraphEndpoints.FindJob(context, state, spId, jobId);

    private static IResult? Change(HttpContext context, string spId, string jobId, TokenStore tokens, ProvisioningState state) =>
        Authorize(context, spId, jobId, tokens, state, Permissions.JobWrite);

    private static IResult Done<T>(T _) => Results.NoContent();

    private static JsonObject? Execution(JobExecution? execution) => execution is null ? null : new JsonObject
    {
        ["activityIdentifier"] = execution.ActivityId,
        ["countEntitled"] = execution.Imported,
        ["countEntitledForProvisioning"] = execution.Imported,
        ["countEscrowed"] = execution.Escrowed,
        ["countEscrowedRaw"] = execution.Escrowed,
        ["countExported"] = execution.Exported,
        ["countExports"] = execution.Exported,
        ["countImported"] = execution.Imported,
        ["countImportedDeltas"] = execution.Imported,
        ["countImportedReferenceDeltas"] = 0,
        ["error"] = null,
        ["state"] = execution.State,
        ["timeBegan"] = Time(execution.Began),
        ["timeEnded"] = Time(execution.Ended),
    };

    private static string? Time(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
