using EntraInboundProvisioning.Engine.Storage;

namespace EntraInboundProvisioning.Engine.Tests.Storage;

public class LatestExportTests
{
    [Fact]
    public void TheNewestWinsWhateverItsName()
    {
        var at = new DateTimeOffset(2026, 11, 29, 6, 0, 0, TimeSpan.Zero);
        StorageExportItem[] byName = [new("a.csv", 1, at.AddHours(2)), new("b.csv", 1, at), new("c.csv", 1, at.AddHours(1))];
        Assert.Equal("a.csv", StorageExportStore.Latest(byName).Path);
    }

    [Fact]
    public void ExportsModifiedInTheSameSecondGiveTheLastByName()
    {
        var at = new DateTimeOffset(2026, 11, 29, 21, 35, 13, TimeSpan.Zero);
        StorageExportItem[] byName = [new("workers-2026-11-27.csv", 1, at), new("workers-2026-11-28.csv", 1, at), new("workers-2026-11-29.csv", 1, at)];
        Assert.Equal("workers-2026-11-29.csv", StorageExportStore.Latest(byName).Path);
    }
}
