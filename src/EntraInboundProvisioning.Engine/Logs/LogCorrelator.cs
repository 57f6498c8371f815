using System.Runtime.CompilerServices;

namespace EntraInboundProvisioning.Engine.Logs;

/// <summary>
/// Finds the log entries of given workers (by externalId, not bulkId) written since their requests were sent, polling
/// until each worker has an entry or the time is up; each entry is given once, as soon as it is seen.
/// </summary>
public sealed class LogCorrelator(Func<ProvisioningLogQuery, CancellationToken, IAsyncEnumerable<ProvisioningLogEntry>> read, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>The workers that had no entry when the last call ended.</summary>
    public IReadOnlyCollection<string> Missing { get; private set; } = [];

    /// <summary>While it waits between polls: when the next poll is, and when the wait gives up.</summary>
    public (DateTimeOffset NextPoll, DateTimeOffset Deadline)? Waiting { get; private set; }

    /// <param name="notBefore">When a worker was sent: its entries from before then (an earlier upload) are not its answer.</param>
    public async IAsyncEnumerable<ProvisioningLogEntry> FindAsync(IReadOnlyCollection<string> externalIds, ProvisioningLogQuery baseQuery,
        bool wait, TimeSpan timeout, TimeSpan pollInterval, [EnumeratorCancellation] CancellationToken cancellationToken,
        IReadOnlyDictionary<string, DateTimeOffset>? notBefore = null)
    {
        var wanted = new HashSet<string>(externalIds, StringComparer.Ordinal);
        var pending = new HashSet<string>(wanted, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        DateTimeOffset deadline = _time.GetUtcNow() + timeout;
        ProvisioningLogQuery query = wanted.Count == 1 ? baseQuery with { ExternalId = wanted.First() } : baseQuery;
        while (true)
        {
            await foreach (ProvisioningLogEntry entry in read(query, cancellationToken))
            {
                if (entry.ExternalId is { } id && wanted.Contains(id)
                    && !(notBefore is not null && notBefore.TryGetValue(id, out DateTimeOffset sent) && entry.ActivityDateTime < sent)
                    && seen.Add(entry.Id))
                {
                    pending.Remove(id);
                    yield return entry;
                }
            }
            Missing = pending;
            if (!wait || pending.Count == 0 || _time.GetUtcNow() + pollInterval > deadline)
            {
                yield break;
            }
            Waiting = (_time.GetUtcNow() + pollInterval, deadline);
            try
            {
                await Task.Delay(pollInterval, _time, cancellationToken);
            }
            finally
            {
                Waiting = null;
            }
        }
    }
}
