using System.Text.Json.Nodes;
using EntraInboundProvisioning.LocalEndpoint.Jobs;

namespace EntraInboundProvisioning.LocalEndpoint.State;

/// <summary>What the endpoint holds: the apps and jobs it knows, the users it provisioned and the logs it wrote.</summary>
public sealed class ProvisioningState
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Dictionary<string, DirectoryUser>> _directories = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<JsonObject> _logs = [];
    private readonly Dictionary<string, JobState> _jobs = new(StringComparer.OrdinalIgnoreCase);

    public ProvisioningState(IReadOnlyList<ServicePrincipalOptions> servicePrincipals, string tenantId)
    {
        ServicePrincipals = servicePrincipals;
        TenantId = tenantId;
    }

    public IReadOnlyList<ServicePrincipalOptions> ServicePrincipals { get; }

    public string TenantId { get; }

    /// <summary>The service principal by object id, as the Graph paths name it.</summary>
    public ServicePrincipalOptions? FindServicePrincipal(string id) =>
        ServicePrincipals.FirstOrDefault(sp => string.Equals(sp.Id, id, StringComparison.OrdinalIgnoreCase));

    public T WithDirectory<T>(string jobId, Func<Dictionary<string, DirectoryUser>, T> action)
    {
        lock (_gate)
        {
            if (!_directories.TryGetValue(jobId, out Dictionary<string, DirectoryUser>? directory))
            {
                directory = new Dictionary<string, DirectoryUser>(StringComparer.Ordinal);
                _directories[jobId] = directory;
            }
            return action(directory);
        }
    }

    /// <summary>Runs an action on a job's state under the same lock as its directory, so that a cycle sees both at once.</summary>
    public T WithJob<T>(string jobId, Func<JobState, T> action)
    {
        lock (_gate)
        {
            if (!_jobs.TryGetValue(jobId, out JobState? job))
            {
                job = new JobState(jobId);
                _jobs[jobId] = job;
            }
            return action(job);
        }
    }

    public void AddLogs(IEnumerable<JsonObject> entries)
    {
        lock (_gate)
        {
            _logs.AddRange(entries);
        }
    }

    public List<JsonObject> Logs()
    {
        lock (_gate)
        {
            return [.. _logs];
        }
    }

    public List<DirectoryUser> Users(string? jobId)
    {
        lock (_gate)
        {
            return _directories.Where(d => jobId is null || string.Equals(d.Key, jobId, StringComparison.OrdinalIgnoreCase))
                .SelectMany(d => d.Value.Values).OrderBy(u => u.ExternalId, StringComparer.Ordinal).ToList();
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _directories.Clear();
            _logs.Clear();
            _jobs.Clear();
        }
    }
}
