using EntraInboundProvisioning.Engine.Mapping;

namespace EntraInboundProvisioning.Engine.Tests.Mapping;

public class RepeatedFaultSummaryTests
{
    private static ScimRecordFault Fault(ScimRecordFaultKind kind, string key, string? value, int line) =>
        new(kind, key, value, "hr.csv", line, $"hr.csv:{line}: bad {key}");

    [Fact]
    public void TheFirstFaultsOfAKeyAreReportedAndTheRestSaidOnceWithTheirCount()
    {
        var summary = new RepeatedFaultSummary(3);
        bool[] reported = Enumerable.Range(2, 1000).Select(line => summary.Add(Fault(ScimRecordFaultKind.InvalidValue, "active", "Active", line))).ToArray();

        Assert.Equal(3, reported.Count(r => r));
        Assert.True(reported[0] && reported[1] && reported[2]);
        ScimRecordFault said = Assert.Single(summary.Summaries());
        Assert.Equal("active", said.Key);
        Assert.StartsWith("1000 records failed at mapping key 'active'", said.Message);
        Assert.Contains("hr.csv:2, hr.csv:3, hr.csv:4", said.Message);
        Assert.Contains("hr.csv:2: bad active", said.Message);
    }

    [Fact]
    public void DifferentKeysAndFaultsUnderTheLimitAreNotSummarized()
    {
        var summary = new RepeatedFaultSummary(3);
        Assert.True(summary.Add(Fault(ScimRecordFaultKind.InvalidValue, "active", "x", 2)));
        Assert.True(summary.Add(Fault(ScimRecordFaultKind.InvalidValue, "title", "x", 3)));
        Assert.True(summary.Add(Fault(ScimRecordFaultKind.ValueFailed, "active", "x", 4)));
        Assert.Empty(summary.Summaries());
        Assert.Equal(2, summary.Count(ScimRecordFaultKind.InvalidValue));
    }

    [Fact]
    public void DuplicatesOfDifferentIdsAreEachReportedButOneIdRepeatedIsSummarized()
    {
        var summary = new RepeatedFaultSummary(3);
        Assert.All(Enumerable.Range(0, 10), i => Assert.True(summary.Add(Fault(ScimRecordFaultKind.DuplicateExternalId, "externalId", $"id{i}", i + 2))));
        Assert.Equal(3, Enumerable.Range(0, 10).Count(i => summary.Add(Fault(ScimRecordFaultKind.DuplicateExternalId, "externalId", "Contoso", i + 20))));
        Assert.StartsWith("10 records failed", Assert.Single(summary.Summaries()).Message);
    }
}
