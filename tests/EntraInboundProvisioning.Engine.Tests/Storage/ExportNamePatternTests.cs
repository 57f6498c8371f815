using EntraInboundProvisioning.Engine.Storage;

namespace EntraInboundProvisioning.Engine.Tests.Storage;

public class ExportNamePatternTests
{
    [Theory]
    [InlineData("workers-*.csv", "workers-2026-11-29.csv", true)]
    [InlineData("workers-*.csv", "workers-2026-11-29.csv.bak", false)]
    [InlineData("workers-*.csv", "managers-2026-11-29.csv", false)]
    [InlineData("workers-*.csv", "workers-old/2026.csv", false)]
    [InlineData("w(1)+.csv", "w(1)+.csv", true)]
    [InlineData("*", "anything.txt", true)]
    [InlineData("workers-?.csv", "workers-?.csv", true)]
    [InlineData("workers-?.csv", "workers-1.csv", false)]
    public void MatchesTheStarWithinOneFolderAndEverythingElseAsWritten(string pattern, string name, bool matches)
    {
        Assert.Equal(matches, new ExportNamePattern(pattern, ignoreCase: false).IsMatch(name));
        Assert.Equal(matches, new ExportNamePattern(pattern, ignoreCase: true).IsMatch(name));
    }

    [Theory]
    [InlineData("Workers-*.csv", "Workers-2026.csv", true, true)]
    [InlineData("Workers-*.csv", "workers-2026.csv", false, true)]
    [InlineData("workers-*.csv", "workers-2026.CSV", false, true)]
    [InlineData("workers-*.CSV", "WORKERS-2026.csv", false, true)]
    public void ComparesCaseAlikeBeforeAndAfterTheStar(string pattern, string name, bool caseSensitive, bool ignoringCase)
    {
        Assert.Equal(caseSensitive, new ExportNamePattern(pattern, ignoreCase: false).IsMatch(name));
        Assert.Equal(ignoringCase, new ExportNamePattern(pattern, ignoreCase: true).IsMatch(name));
    }

    [Theory]
    [InlineData("workers-*.csv", "workers-")]
    [InlineData("workers-2026-11-2?.csv", "workers-2026-11-2?.csv")]
    [InlineData("*.csv", "")]
    [InlineData("workers.csv", "workers.csv")]
    public void ListsOnlyNamesThatStartWithTheLiteralPart(string pattern, string prefix) =>
        Assert.Equal(prefix, new ExportNamePattern(pattern, ignoreCase: false).LiteralPrefix);
}
