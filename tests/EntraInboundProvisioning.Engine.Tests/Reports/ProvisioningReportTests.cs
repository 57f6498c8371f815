using EntraInboundProvisioning.Engine.Logs;
using EntraInboundProvisioning.Engine.Reports;
using EntraInboundProvisioning.Engine.Scim;
using EntraInboundProvisioning.Engine.Sync;
using EntraInboundProvisioning.Engine.Tests.Sync;

namespace EntraInboundProvisioning.Engine.Tests.Reports;

public class ProvisioningReportTests
{
    private static IEnumerable<ScimUser> Workers(int count) => Enumerable.Range(1, count).Select(i => StateFixture.User($"W{i}"));

    private static void Log(ProvisioningState state, string id, string status, string? code = null, string? reason = null)
    {
        using LogRecorder recorder = state.BeginLogRead();
        recorder.Record(new ProvisioningLogEntry(Guid.NewGuid().ToString(), id, null, "create", status, code, reason, null,
            DateTimeOffset.UtcNow.AddSeconds(1), "job", null, null, null, []));
        recorder.Complete(DateTimeOffset.UtcNow);
    }

    [Fact]
    public void TheLastRunRequestsFailuresManagersAndCallsComeFromTheState()
    {
        using var fixture = new StateFixture();
        fixture.Run([.. Workers(60), StateFixture.User("R1", manager: "OUTSIDE")]);
        Log(fixture.State, "W1", "failure", "InvalidDomain", "The domain is not verified");
        Log(fixture.State, "W2", "failure", "InvalidDomain", "The domain is not verified");
        Log(fixture.State, "W3", "success");

        // Run 2: W1 and W2 again (failed in the logs), W60 gone, 3 new; one request refused, one unanswered.
        SyncRun run = fixture.State.BeginRun(new SyncRunOptions { Leavers = LeaverMode.Disable, MaxDisablesPercent = 50 });
        foreach (ScimUser user in Workers(59).Concat([StateFixture.User("R1", manager: "OUTSIDE"), StateFixture.User("N1"), StateFixture.User("N2"), StateFixture.User("N3")]))
        {
            run.Add(user);
        }
        run.Finish();
        string[] staged = run.Users().Select(u => u.User.ExternalId).ToArray();
        Assert.Equal(6, staged.Length);
        run.RecordResult(1, staged[..2], "Failed", 400, null, null, DateTimeOffset.UtcNow, "The request body is not valid JSON <b>");
        run.RecordResult(2, staged[2..4], "Unknown", 504, null, null, DateTimeOffset.UtcNow, null);
        // staged[4..] never sent: a stop.
        fixture.State.EndCurrentRun();

        ProvisioningReport report = ProvisioningReportBuilder.Build(fixture.State, runs: 30, dailyQuota: 2000);

        ReportRun last = Assert.IsType<ReportRun>(report.LastRun);
        Assert.Equal((3, 2, 1, 1), (last.New, last.Retried, last.Leavers, last.Disables));
        Assert.Equal((0, 1, 1), (last.RequestsAccepted, last.RequestsFailed, last.RequestsUnknown));
        Assert.Equal((4, 2, 2), (last.WorkersSent, last.WorkersNotSent, last.Calls));
        Assert.Equal(2, report.Runs.Count);
        Assert.Equal(2, report.Runs[0].Calls);
        Assert.Equal(4, report.CallsLast24Hours);
        Assert.Equal(0.2, report.QuotaUsedPercent);
        Assert.Equal(4, report.CallsPerDay.Sum(d => d.Calls));

        FailureGroup logged = Assert.Single(report.Failures, f => f.Kind == "log");
        Assert.Equal(("InvalidDomain", 2L), (logged.Reason, logged.Workers));
        Assert.Equal("InvalidDomain: The domain is not verified", logged.Examples[0].Detail);
        Assert.Equal(["W1", "W2"], logged.Examples.Select(e => e.ExternalId));
        Assert.Equal("hr.csv:2", logged.Examples[0].Source);
        FailureGroup refused = Assert.Single(report.Failures, f => f.Kind == "request");
        Assert.Equal(("HTTP 400: The request body is not valid JSON <b>", 2L, 1L), (refused.Reason, refused.Workers, refused.Requests.Single()));

        Assert.Equal(1, report.ManagersUnresolved);
        Assert.Equal("R1", report.ManagersUnresolvedExamples.Single().ExternalId);
        Assert.Equal(2, report.WaitingForLogEntry);
        Assert.Contains(new OutcomeCount("create", "failure", 2), report.Outcomes);
        Assert.Contains(new OutcomeCount("create", "success", 1), report.Outcomes);
        Assert.Equal(fixture.State.GetTotals().Workers - 3, report.WithoutLogEntry);
    }

    [Fact]
    public void TheRunsAreTheLastOnesOldestFirst()
    {
        using var fixture = new StateFixture();
        for (int day = 1; day <= 4; day++)
        {
            fixture.Run(Workers(day * 10));
        }

        ProvisioningReport report = ProvisioningReportBuilder.Build(fixture.State, runs: 3);

        Assert.Equal([2L, 3L, 4L], report.Runs.Select(r => r.Id));
        Assert.Equal([10L, 10L, 10L], report.Runs.Select(r => r.WorkersSent));
        Assert.Equal(4, report.LastRun!.Id);
    }

    [Fact]
    public void TheHtmlEncodesEveryValueAndFetchesNothing()
    {
        using var fixture = new StateFixture();
        fixture.Run([StateFixture.User("x<script>alert(1)</script>", manager: "<img src=x onerror=alert(2)>")]);
        Log(fixture.State, "x<script>alert(1)</script>", "failure", "Bad", "<iframe src=\"http://evil\"></iframe>");

        string html = HtmlReportWriter.ToHtml(ProvisioningReportBuilder.Build(fixture.State));

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("x&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("<svg id=\"chart-sent\"", html);
        Assert.Contains("<desc id=\"chart-sent-desc\">#1: 1 workers.</desc>", html);
        Assert.Contains("@media print", html);
    }

    [Fact]
    public void EveryTableHasACaptionAndScrollsInARegionTheKeyboardReachesNamedByIt()
    {
        using var fixture = new StateFixture();
        fixture.Run([.. Workers(3), StateFixture.User("R1", manager: "OUTSIDE")]);
        Log(fixture.State, "W1", "failure", "Bad", "reason");

        string html = HtmlReportWriter.ToHtml(ProvisioningReportBuilder.Build(fixture.State));

        var tables = System.Text.RegularExpressions.Regex.Matches(html, "<table id=\"([^\"]+)\">\n<caption id=\"([^\"]+)\">");
        Assert.Equal(System.Text.RegularExpressions.Regex.Matches(html, "<table").Count, tables.Count);
        Assert.True(tables.Count >= 6, $"{tables.Count} tables");
        foreach (System.Text.RegularExpressions.Match table in tables)
        {
            string id = table.Groups[1].Value;
            Assert.Equal(id + "-caption", table.Groups[2].Value);
            Assert.Contains($"<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"{id}-caption\"><table id=\"{id}\">", html);
        }
    }

    [Fact]
    public void PrintsTablesAtThePageWidthAndKeepsTheQuotaBar()
    {
        using var fixture = new StateFixture();
        fixture.Run([.. Workers(2)]);

        string html = HtmlReportWriter.ToHtml(ProvisioningReportBuilder.Build(fixture.State));
        string print = html[html.IndexOf("@media print", StringComparison.Ordinal)..html.IndexOf("</style>", StringComparison.Ordinal)];

        Assert.Contains("table { width: 100%; font-size: 8pt; }", print);
        Assert.Contains("print-color-adjust: exact", print);
        Assert.Contains("<h2 id=\"runs-heading\">The last run</h2>", html);
        Assert.Contains("<span class=\"label\">disabled</span>", html);
    }

    [Fact]
    public void AStateWithoutRunsStillMakesAPage()
    {
        using var fixture = new StateFixture();

        ProvisioningReport report = ProvisioningReportBuilder.Build(fixture.State);
        string html = HtmlReportWriter.ToHtml(report);

        Assert.Null(report.LastRun);
        Assert.Contains("No run has used this state yet.", html);
        Assert.Contains("No data yet.", html);
        Assert.Contains("<h2 id=\"runs-heading\">No runs yet</h2>", html);
        Assert.DoesNotContain("The last 0 runs", html);
        Assert.Contains("<tr id=\"no-runs\"><td colspan=\"13\">No runs yet: no run has used this state.</td></tr>", html);
        Assert.Contains("<tr id=\"no-calls\"><td colspan=\"3\">No calls yet.</td></tr>", html);
    }
}
