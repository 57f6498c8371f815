using System.Runtime.CompilerServices;
using EntraInboundProvisioning.Engine.Logs;

namespace EntraInboundProvisioning.Engine.Tests.Logs;

public class CycleTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private static ProvisioningLogEntry Entry(string cycle, string externalId, string action, string status, int minute) =>
        new(Guid.NewGuid().ToString(), externalId, null, action, status, null, null, null, Start.AddMinutes(minute), "job", cycle, Guid.NewGuid().ToString(), null, []);

    [Fact]
    public void ACycleSummaryCountsEveryV1ActionByStatusWithItsTimesAndUsers()
    {
        var counter = new ProvisioningCycleCounter("c1");
        counter.Add(Entry("c1", "A", "create", "success", 2));
        counter.Add(Entry("c1", "B", "create", "failure", 1));
        counter.Add(Entry("c1", "A", "update", "warning", 3));
        counter.Add(Entry("c1", "C", "stagedDelete", "skipped", 4));

        ProvisioningCycleSummary summary = counter.Summary();

        Assert.Equal("c1", summary.CycleId);
        Assert.Equal(Start.AddMinutes(1), summary.StartDateTime);
        Assert.Equal(Start.AddMinutes(4), summary.EndDateTime);
        Assert.Equal(4, summary.Changes);
        Assert.Equal(3, summary.Users);
        Assert.Equal(["create", "update", "delete", "disable", "stagedDelete", "other"], summary.ActionStatistics.Select(a => a.Action));
        Assert.Equal(new ProvisioningActionStatistics("create", 1, 1, 0, 0), summary["create"]);
        Assert.Equal(1, summary["stagedDelete"].Skipped);
        Assert.Equal(1, summary["Update"].Warning);
        Assert.Equal(0, summary["delete"].Total);
    }

    [Fact]
    public async Task TheLastCyclesAreFoundNewestFirstReadingNoFurtherThanNeeded()
    {
        ProvisioningLogEntry[] newestFirst =
        [
            Entry("c3", "A", "update", "success", 9), Entry("c3", "B", "update", "success", 9),
            Entry("c2", "A", "create", "success", 5), Entry("c1", "A", "create", "success", 1),
        ];
        int read = 0;
        async IAsyncEnumerable<ProvisioningLogEntry> Read(ProvisioningLogQuery query, [EnumeratorCancellation] CancellationToken _)
        {
            foreach (ProvisioningLogEntry entry in newestFirst.Where(e => query.CycleId is null || e.CycleId == query.CycleId))
            {
                read++;
                yield return entry;
            }
            await Task.CompletedTask;
        }

        List<string> cycles = await ProvisioningCycleFinder.LastCycleIdsAsync(Read, new ProvisioningLogQuery { JobId = "job" }, 2, CancellationToken.None);
        Assert.Equal(["c3", "c2"], cycles);
        Assert.Equal(3, read);

        var entries = new List<ProvisioningLogEntry>();
        await foreach (ProvisioningLogEntry entry in ProvisioningCycleFinder.EntriesAsync(Read, new ProvisioningLogQuery { JobId = "job" }, cycles, CancellationToken.None))
        {
            entries.Add(entry);
        }
        Assert.Equal(["c3", "c3", "c2"], entries.Select(e => e.CycleId));
        Assert.Equal(["c1"], await ProvisioningCycleFinder.LastCycleIdsAsync(
            (q, t) => Read(q, t).Where(e => e.CycleId == "c1"), new ProvisioningLogQuery(), 5, CancellationToken.None));
    }
}
