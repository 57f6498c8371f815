using EntraInboundProvisioning.Engine.Mapping;

namespace EntraInboundProvisioning.Engine.Tests.Mapping;

public class SeenExternalIdsTests
{
    [Fact]
    public void FindsEveryRepeatWithWhereItWasFirstSeenAcrossChunksAndGrowth()
    {
        var seen = new SeenExternalIds();
        const int count = 200_000;
        for (int i = 0; i < count; i++)
        {
            Assert.True(seen.TryAdd($"{i}", i < count / 2 ? "a.csv" : "b.csv", i + 2, out _));
        }
        Assert.Equal(count, seen.Count);
        for (int i = 0; i < count; i += 997)
        {
            Assert.False(seen.TryAdd($"{i}", "c.csv", 1, out (string? File, long Line) first));
            Assert.Equal((i < count / 2 ? "a.csv" : "b.csv", (long)i + 2), first);
        }
        Assert.Equal(count, seen.Count);
    }

    [Fact]
    public void TellsApartIdsThatDifferOnlyInCaseOrAccentAndKeepsLongOnes()
    {
        var seen = new SeenExternalIds();
        string longId = new('x', 70_000);
        Assert.True(seen.TryAdd("José", null, 2, out _));
        Assert.True(seen.TryAdd("Jose", null, 3, out _));
        Assert.True(seen.TryAdd("jose", null, 4, out _));
        Assert.True(seen.TryAdd(longId, "f.csv", 5, out _));
        Assert.True(seen.TryAdd("after-the-long-one", "f.csv", 6, out _));

        Assert.False(seen.TryAdd("José", "f.csv", 7, out (string? File, long Line) first));
        Assert.Equal((null, 2L), first);
        Assert.False(seen.TryAdd(longId, null, 8, out first));
        Assert.Equal(("f.csv", 5L), first);
        Assert.False(seen.TryAdd("after-the-long-one", null, 9, out first));
        Assert.Equal(("f.csv", 6L), first);
    }
}
