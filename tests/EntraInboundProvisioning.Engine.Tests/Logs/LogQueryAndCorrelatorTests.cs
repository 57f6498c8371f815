using System.Runtime.CompilerServices;
using EntraInboundProvisioning.Engine.Logs;

namespace EntraInboundProvisioning.Engine.Tests.Logs;

public class LogQueryAndCorrelatorTests
{
    private static ProvisioningLogEntry Entry(string id, string externalId) =>
        new(id, externalId, null, "create", "success", null, null, null, DateTimeOffset.UtcNow, "job", "c", "ch", "t", []);

    [Fact]
    public void TheQueryBecomesAFilterJoinedByAnd()
    {
        var query = new ProvisioningLogQuery
        {
            JobId = "job", Status = "failure", ExternalId = "O'Neil", Since = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
        };
        Assert.Equal("jobId eq 'job' and sourceIdentity/id eq 'O''Neil' and provisioningStatusInfo/status eq 'failure' and activityDateTime ge 2026-01-02T03:04:05Z",
            query.ToFilter());
        Assert.Null(new ProvisioningLogQuery().ToFilter());
    }

    [Fact]
    public async Task TheCorrelatorPollsUntilEveryWorkerHasAnEntryAndGivesEachOnce()
    {
        int polls = 0;
        async IAsyncEnumerable<ProvisioningLogEntry> Read(ProvisioningLogQuery _, [EnumeratorCancellation] CancellationToken __)
        {
            polls++;
            yield return Entry("1", "A");
            yield return Entry("x", "not-mine");
            if (polls >= 3)
            {
                yield return Entry("2", "B");
            }
            await Task.CompletedTask;
        }

        var correlator = new LogCorrelator(Read);
        var found = new List<string>();
        await foreach (ProvisioningLogEntry entry in correlator.FindAsync(["A", "B"], new ProvisioningLogQuery(), true, TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(1), default))
        {
            found.Add(entry.Id);
        }

        Assert.Equal(["1", "2"], found);
        Assert.Equal(3, polls);
        Assert.Empty(correlator.Missing);
    }

    [Fact]
    public void TheCounterCountsByActionAndStatus()
    {
        var counter = new ProvisioningLogCounter();
        foreach ((string action, string status) in new[] { ("update", "success"), ("create", "failure"), ("create", "success"), ("create", "success") })
        {
            counter.Add(Entry("x", "A") with { Action = action, Status = status });
        }
        Assert.Equal(
            [new ProvisioningLogSummary("create", "failure", 1), new ProvisioningLogSummary("create", "success", 2), new ProvisioningLogSummary("update", "success", 1)],
            counter.Summaries());
    }

    [Fact]
    public async Task WithoutWaitingTheMissingWorkersAreNamed()
    {
        async IAsyncEnumerable<ProvisioningLogEntry> Read(ProvisioningLogQuery _, [EnumeratorCancellation] CancellationToken __)
        {
            yield return Entry("1", "A");
            await Task.CompletedTask;
        }
        var correlator = new LogCorrelator(Read);
        await foreach (ProvisioningLogEntry _ in correlator.FindAsync(["A", "B"], new ProvisioningLogQuery(), false, TimeSpan.Zero, TimeSpan.Zero, default))
        {
        }
        Assert.Equal(["B"], correlator.Missing);
    }
}
