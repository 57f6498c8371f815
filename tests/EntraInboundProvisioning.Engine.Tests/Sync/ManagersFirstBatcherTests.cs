using System.Text;
using EntraInboundProvisioning.Engine.Batching;
using EntraInboundProvisioning.Engine.Scim;
using EntraInboundProvisioning.Engine.Sync;

namespace EntraInboundProvisioning.Engine.Tests.Sync;

public class ManagersFirstBatcherTests
{
    private static int _next;

    private static StagedUser User(long depth, StagedKind kind = StagedKind.New)
    {
        string id = $"w{Interlocked.Increment(ref _next)}";
        return new StagedUser(new ScimUser(id, Encoding.UTF8.GetBytes($$"""{"externalId":"{{id}}"}"""), null, null, true, null, null, 0), kind, kind == StagedKind.Leaver, depth);
    }

    private static List<int> Waves(int batchSize, IEnumerable<StagedUser> users)
    {
        var batcher = new ManagersFirstBatcher(new BulkRequestBuilder(batchSize));
        var waves = new List<int>();
        foreach (StagedUser user in users)
        {
            if (batcher.Add(user) is { } request) waves.Add(request.Wave);
        }
        if (batcher.Flush() is { } last) waves.Add(last.Wave);
        return waves;
    }

    [Fact]
    public void RequestsOfOneDepthShareAWave()
    {
        Assert.Equal([0, 0, 0], Waves(2, Enumerable.Range(0, 6).Select(_ => User(3))));
    }

    [Fact]
    public void ARequestThatMayHoldReportsOfAnEarlierRequestStartsANewWave()
    {
        // [d0 d0] [d0 d1] [d1 d1] [d2 leaver] [leaver leaver]
        StagedUser[] users = [User(0), User(0), User(0), User(1), User(1), User(1), User(2),
            User(0, StagedKind.Leaver), User(1, StagedKind.Leaver), User(0, StagedKind.Leaver)];

        Assert.Equal([0, 1, 2, 3, 3], Waves(2, users));
    }

    [Fact]
    public void OnlyLeaversShareOneWave()
    {
        Assert.Equal([0, 0], Waves(2, Enumerable.Range(0, 4).Select(i => User(i, StagedKind.Leaver))));
    }
}
