using System.Text.Json.Nodes;
using EntraInboundProvisioning.LocalEndpoint.Graph;
using EntraInboundProvisioning.LocalEndpoint.Jobs;
using EntraInboundProvisioning.LocalEndpoint.State;

namespace EntraInboundProvisioning.LocalEndpoint.Processing;

/// <summary>
/// One provisioning cycle of a job: applies operations against the job's schema, holds the disables of a cycle that
/// goes past the accidental-deletion threshold (quarantine TooManyDeletes), and records the execution on the job.
/// </summary>
public static class ProvisioningCycle
{
    private static readonly string[] Exports = ["create", "update", "disable", "delete"];

    /// <param name="deletionThreshold">The most disables one cycle may apply; 0 for no limit. Ignored for forced deletes.</param>
    public static void Run(ProvisioningState state, ServicePrincipalOptions servicePrincipal, string jobId, IReadOnlyList<JsonObject> operations,
        int deletionThreshold, DateTimeOffset now, bool forceDeletes = false)
    {
        string cycleId = Guid.NewGuid().ToString();
        List<JsonObject> entries = state.WithJob(jobId, job => state.WithDirectory(jobId, directory =>
        {
            HashSet<string> schema = JobSchema.SourceAttributeNames(job.Schema);
            var disables = operations.Where(data => IsDisable(directory, data)).ToHashSet();
            bool stage = !forceDeletes && deletionThreshold > 0 && disables.Count > deletionThreshold;
            string reason = $"This cycle would disable {disables.Count} users, more than the accidental-deletion threshold of {deletionThreshold}; " +
                "the disable is held and the job is in quarantine (TooManyDeletes).";
            var result = new List<JsonObject>(operations.Count);
            foreach (JsonObject data in operations)
            {
                if (stage && disables.Contains(data))
                {
                    job.StagedDisables.Add(data);
                    result.Add(OperationApplier.Staged(directory, data, reason, jobId, cycleId, servicePrincipal, state.TenantId, now));
                }
                else
                {
                    result.Add(OperationApplier.Apply(directory, data, jobId, cycleId, servicePrincipal, state.TenantId, now, schema));
                }
            }
            Record(job, result, cycleId, now);
            if (stage)
            {
                job.Quarantine("TooManyDeletes", now);
            }
            return result;
        }));
        state.AddLogs(entries);
    }

    private static bool IsDisable(Dictionary<string, DirectoryUser> directory, JsonObject data) =>
        ScimAttributes.Get(data, "active") is JsonValue active && active.TryGetValue(out bool value) && !value
        && directory.TryGetValue((string)ScimAttributes.Get(data, "externalId")!, out DirectoryUser? user) && user.Active;

    private static void Record(JobState job, List<JsonObject> entries, string cycleId, DateTimeOffset now)
    {
        string Status(JsonObject e) => (string)e["provisioningStatusInfo"]!["status"]!;
        int exported = entries.Count(e => Exports.Contains((string)e["provisioningAction"]!) && Status(e) is "success" or "warning");
        int escrowed = entries.Count(e => Status(e) == "failure");
        var execution = new JobExecution(cycleId, now, now, entries.Count, exported, escrowed);
        job.LastExecution = execution;
        job.SuccessiveFailures = escrowed == entries.Count && escrowed > 0 ? job.SuccessiveFailures + 1 : 0;
        if (escrowed == 0)
        {
            job.LastSuccessfulExecution = execution;
            job.SteadyStateFirstAchieved ??= now;
            job.SteadyStateLastAchieved = now;
        }
        if (exported > 0)
        {
            job.LastExecutionWithExports = execution;
        }
        job.Code = "Active";
    }
}
