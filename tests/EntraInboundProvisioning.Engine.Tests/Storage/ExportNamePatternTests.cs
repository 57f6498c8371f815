using EntraInboundProvisioning.Engine.Storage;

namespace EntraInboundProvisioning.Engine.Tests.Storage;

public class ExportNamePatternTests
{
    [Theory]
    [InlineData("workers-*.csv", "workers-2026-11-29.csv", true)]
    [InlineData("workers-*.csv", "WORKERS-2026-11-29.CSV", true)]
    [InlineData("workers-*.csv", "workers-2026-11-29.csv.bak", false)]
    [InlineData("workers-*.csv", "managers-2026-11-29.csv", false)]
    [InlineData("workers-*.csv", "workers-old/2026.csv", false)]
    [InlineData("workers-2026-11-2?.csv", "workers-2026-11-29.csv", true)]
    [InlineData("workers-2026-11-2?.csv", "workers-2026-11-3.csv", false)]
    [InlineData("w(1)+.csv", "w(1)+.csv", true)]
    [InlineData("*", "anything.txt", true)]
    public void MatchesWildcardsWithinOneFolder(string pattern, string name, bool matches) =>
        Assert.Equal(matches, new ExportNamePattern(pattern).IsMatch(name));

    [Theory]
    [InlineData("workers-*.csv", "workers-")]
    [InlineData("workers-2026-11-2?.csv", "workers-2026-11-2")]
    [InlineData("*.csv", "")]
    [InlineData("workers.csv", "workers.csv")]
    public void ListsOnlyNamesThatStartWithTheLiteralPart(string pattern, string prefix) =>
        Assert.Equal(prefix, new ExportNamePattern(pattern).LiteralPrefix);
}
