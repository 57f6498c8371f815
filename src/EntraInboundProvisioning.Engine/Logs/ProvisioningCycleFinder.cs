using System.Runtime.CompilerServices;

namespace EntraInboundProvisioning.Engine.Logs;

/// <summary>
/// Finds a job's last cycles, newest first, from its log entries (the service lists them newest first), reading
/// only as far as the first entry of the last one wanted.
/// </summary>
public static class ProvisioningCycleFinder
{
    public static async Task<List<string>> LastCycleIdsAsync(
        Func<ProvisioningLogQuery, CancellationToken, IAsyncEnumerable<ProvisioningLogEntry>> read, ProvisioningLogQuery jobQuery, int count,
        CancellationToken cancellationToken)
    {
        var cycles = new List<string>(count);
        await foreach (ProvisioningLogEntry entry in read(jobQuery, cancellationToken).WithCancellation(cancellationToken))
        {
            if (entry.CycleId is { } cycle && !cycles.Contains(cycle))
            {
                cycles.Add(cycle);
                if (cycles.Count == count)
                {
                    break;
                }
            }
        }
        return cycles;
    }

    /// <summary>The entries of each cycle in turn, read with the query's other filters.</summary>
    public static async IAsyncEnumerable<ProvisioningLogEntry> EntriesAsync(
        Func<ProvisioningLogQuery, CancellationToken, IAsyncEnumerable<ProvisioningLogEntry>> read, ProvisioningLogQuery query,
        IEnumerable<string> cycleIds, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (string cycle in cycleIds)
        {
            await foreach (ProvisioningLogEntry entry in read(query with { CycleId = cycle }, cancellationToken).WithCancellation(cancellationToken))
            {
                yield return entry;
            }
        }
    }
}
