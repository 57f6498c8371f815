using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using EntraInboundProvisioning.Engine.Sync;

namespace EntraInboundProvisioning.Engine.Reports;

/// <summary>
/// Writes a report as one self-contained HTML page: inline CSS and SVG, no script, font, image or link to fetch, so
/// that it opens from an email attachment or a storage account. Every value goes through the HTML encoder (names
/// and messages from HR data and the service may hold markup). Figures carry data-figure and data-value attributes.
/// </summary>
public static class HtmlReportWriter
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private const string Style = """
        :root { color-scheme: light; --ink: #1b1b1b; --muted: #555; --line: #d0d0d0; --ok: #2e7d32; --bad: #c62828; --info: #1565c0; --warn: #8d5a00; }
        * { box-sizing: border-box; }
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); margin: 0 auto; padding: 1rem 1.25rem 2rem; max-width: 70rem; line-height: 1.45; }
        h1 { font-size: 1.6rem; margin: 0.2rem 0; } h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 2px solid var(--line); padding-bottom: 0.2rem; } h3 { font-size: 1.05rem; }
        .meta, .note { color: var(--muted); font-size: 0.9rem; }
        .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(9.5rem, 1fr)); gap: 0.6rem; margin: 0.8rem 0; }
        .card { border: 1px solid var(--line); border-radius: 6px; padding: 0.5rem 0.7rem; }
        .card .value { display: block; font-size: 1.5rem; font-weight: 600; }
        .card .label { color: var(--muted); font-size: 0.85rem; }
        .card.bad .value { color: var(--bad); } .card.ok .value { color: var(--ok); } .card.warn .value { color: var(--warn); }
        .scroll { overflow-x: auto; }
        table { border-collapse: collapse; margin: 0.6rem 0 1rem; min-width: 50%; }
        caption { text-align: left; font-weight: 600; padding: 0.3rem 0; }
        th, td { border-bottom: 1px solid var(--line); padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        code, .id { font-family: ui-monospace, "Cascadia Mono", Consolas, monospace; font-size: 0.9em; overflow-wrap: anywhere; }
        .quota { height: 1rem; border: 1px solid var(--line); border-radius: 4px; background: #f3f3f3; max-width: 32rem; }
        .quota span { display: block; height: 100%; background: var(--info); border-radius: 3px; }
        .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); gap: 1rem; }
        figure { margin: 0; } figcaption { font-weight: 600; margin-bottom: 0.3rem; }
        svg.chart { width: 100%; height: auto; } svg .axis { stroke: #888; } svg .tick { font-size: 18px; fill: var(--muted); } svg .val { font-size: 20px; fill: var(--ink); }
        @media (max-width: 40rem) { body { padding: 0.6rem; } .card .value { font-size: 1.2rem; } th, td { padding: 0.25rem 0.35rem; } table { min-width: 100%; } }
        .scroll:focus-visible { outline: 2px solid var(--info); outline-offset: 2px; }
        @media print { body { max-width: none; padding: 0; font-size: 10pt; } h2 { break-after: avoid; } table, figure, .card { break-inside: avoid; } .scroll { overflow: visible; } a { color: inherit; }
            table { width: 100%; font-size: 8pt; } th, td { padding: 0.15rem 0.25rem; } .charts { grid-template-columns: 1fr 1fr; } .quota, .quota span { print-color-adjust: exact; -webkit-print-color-adjust: exact; } }
        """;

    public static void Write(ProvisioningReport report, string path)
    {
        File.WriteAllText(path, ToHtml(report), new UTF8Encoding(false));
        report.Location = path;
    }

    /// <summary>Writes the page beside the report's state (a file in its folder, or a blob in its container) and returns where.</summary>
    public static string WriteBeside(ProvisioningReport report, ProvisioningState state)
    {
        report.Location = state.Storage.WriteBeside(".report.html", new UTF8Encoding(false).GetBytes(ToHtml(report)), "text/html; charset=utf-8");
        return report.Location;
    }

    public static string ToHtml(ProvisioningReport report)
    {
        var html = new StringBuilder(32 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
        html.Append($"<title>Provisioning report: {E(report.StateLocation)}</title>\n<style>\n{Style}\n</style>\n</head>\n<body>\n");
        html.Append("<header>\n<h1>Provisioning report</h1>\n");
        html.Append($"<p class=\"meta\">State <code id=\"state-location\">{E(report.StateLocation)}</code>, written {E(Time(report.GeneratedAt))} " +
            $"by Export-ProvisioningReport. {Figure("runs-shown", report.Runs.Count, "span")} runs shown of {Figure("state-runs", report.Totals.Runs, "span")}.</p>\n");
        html.Append("</header>\n<main>\n");
        WriteLastRun(html, report);
        WriteQuota(html, report);
        WriteOutcomes(html, report);
        WriteFailures(html, report);
        WriteWorkerList(html, "managers", "Managers not resolved", report.ManagersUnresolved, report.ManagersUnresolvedExamples,
            "Workers accepted before their manager was known to the service: Entra could not set their manager. The next run sends them again once the manager is accepted; a manager who is not in the export never is.",
            "Manager");
        WriteWorkerList(html, "waiting", "Workers waiting for a log entry", report.WaitingForLogEntry, report.WaitingForLogEntryExamples,
            "Workers of requests sent without an answer (a timeout, a reset, a 504). bulkUpload has no idempotency key, so they are not sent again blindly: the next Get-ProvisioningLog -State settles whether the service has them, and a run after that sends those it does not.",
            "Sent");
        WriteRuns(html, report);
        html.Append("</main>\n<footer>\n<p class=\"note\">The state holds no secrets, and neither does this page: no tokens, keys or SAS. Of the workers it names only externalIds, source files and lines, and the service's messages about them.</p>\n</footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void WriteLastRun(StringBuilder html, ProvisioningReport report)
    {
        html.Append("<section aria-labelledby=\"last-run-heading\">\n<h2 id=\"last-run-heading\">The last run</h2>\n");
        if (report.LastRun is not { } run)
        {
            html.Append("<p id=\"no-run\">No run has used this state yet.</p>\n</section>\n");
            return;
        }
        string scope = run.Scope.Length == 0 ? "" : $", scope <code>{E(run.Scope)}</code>";
        html.Append($"<p class=\"meta\">Run {Figure("last-run-id", run.Id, "span")} ({E(run.Mode)}{scope}), started {E(Time(run.StartedAt))}, " +
            $"status <strong data-figure=\"last-status\">{E(run.Status)}</strong>, time taken <span data-figure=\"last-duration\" data-value=\"{(run.Duration?.TotalSeconds ?? 0).ToString("0", CultureInfo.InvariantCulture)}\">{E(Duration(run.Duration))}</span>.</p>\n");
        html.Append("<div class=\"cards\" role=\"list\" aria-label=\"The last run's workers\">\n");
        Card(html, "last-new", "new", run.New, "ok");
        Card(html, "last-changed", "changed", run.Changed, "");
        Card(html, "last-unchanged", "unchanged", run.Unchanged, "");
        Card(html, "last-retried", "sent again", run.Retried + run.ManagerResolved, "");
        Card(html, "last-disables", "disabled", run.Disables, run.Disables > 0 ? "warn" : "");
        Card(html, "last-failures", "failures", run.Failures, run.Failures > 0 ? "bad" : "ok");
        html.Append("</div>\n");

        OpenTable(html, "last-run-workers", "Workers in the export and what the run did with them");
        html.Append("<thead><tr><th scope=\"col\">Workers</th><th scope=\"col\" class=\"num\">Count</th></tr></thead>\n<tbody>\n");
        Row(html, "In the export (distinct)", "last-input", run.Input);
        Row(html, "New", "last-new-row", run.New);
        Row(html, "Changed", "last-changed-row", run.Changed);
        Row(html, "Unchanged", "last-unchanged-row", run.Unchanged);
        Row(html, "Sent again (a failure in the logs, an unanswered request, -Full)", "last-retried-row", run.Retried);
        Row(html, "Sent again because their manager is now known", "last-manager-resolved", run.ManagerResolved);
        Row(html, "Leavers (active in the state, absent from the export)", "last-leavers", run.Leavers);
        Row(html, "Disabled (leavers and workers whose active turned false)", "last-disables-row", run.Disables);
        Row(html, "Rows rejected before sending", "last-rejected", run.Rejected);
        html.Append("</tbody></table></div>\n");

        OpenTable(html, "last-run-requests", "Requests to bulkUpload");
        html.Append("<thead><tr><th scope=\"col\">Requests</th><th scope=\"col\" class=\"num\">Count</th></tr></thead>\n<tbody>\n");
        Row(html, "Accepted (202)", "last-requests-accepted", run.RequestsAccepted);
        Row(html, "Failed (refused by the service)", "last-requests-failed", run.RequestsFailed);
        Row(html, "Unknown (sent, no answer; the logs settle them)", "last-requests-unknown", run.RequestsUnknown);
        Row(html, "Workers in these requests", "last-workers-sent", run.WorkersSent);
        Row(html, "Workers accepted", "last-workers-accepted", run.WorkersAccepted);
        Row(html, "Workers not sent (a stop left them for the next run)", "last-workers-not-sent", run.WorkersNotSent);
        html.Append("</tbody></table></div>\n</section>\n");
    }

    private static void WriteQuota(StringBuilder html, ProvisioningReport report)
    {
        html.Append("<section aria-labelledby=\"quota-heading\">\n<h2 id=\"quota-heading\">Calls and the daily quota</h2>\n");
        double shown = Math.Min(100, report.QuotaUsedPercent);
        html.Append($"<p>This job made {Figure("calls-24h", report.CallsLast24Hours, "strong")} bulkUpload calls in the 24 hours before this report, " +
            $"of the tenant's {Figure("daily-quota", report.DailyQuota, "strong")} (<span data-figure=\"quota-percent\" data-value=\"{report.QuotaUsedPercent.ToString("0.#", CultureInfo.InvariantCulture)}\">{report.QuotaUsedPercent.ToString("0.#", CultureInfo.InvariantCulture)}%</span>); " +
            $"the last run made {Figure("last-calls", report.LastRun?.Calls ?? 0, "strong")}.</p>\n");
        html.Append($"<div class=\"quota\" role=\"img\" aria-label=\"{E($"{report.QuotaUsedPercent.ToString("0.#", CultureInfo.InvariantCulture)}% of the daily quota used by this job")}\"><span style=\"width: {shown.ToString("0.#", CultureInfo.InvariantCulture)}%\"></span></div>\n");
        html.Append("<p class=\"note\" id=\"quota-note\">The quota (2,000 calls per 24 hours for Entra ID P1/P2, 6,000 with Governance; -DailyQuota) is the tenant's, shared by every job and script that calls bulkUpload. " +
            "Other jobs' calls are not known to the module, so the tenant may have less left than this shows. Calls are counted from the requests the state recorded: a request retried after a refused connection or a 429 spent more.</p>\n</section>\n");
    }

    private static void WriteOutcomes(StringBuilder html, ProvisioningReport report)
    {
        html.Append("<section aria-labelledby=\"outcomes-heading\">\n<h2 id=\"outcomes-heading\">What the service did (provisioning logs)</h2>\n");
        string read = report.Totals.LogsReadUntil is { } until ? $"The logs were read up to {E(Time(until))}." : "The logs have not been read into this state yet (Get-ProvisioningLog -State).";
        html.Append($"<p>Each worker's latest log entry. {read} {Figure("without-log-entry", report.WithoutLogEntry, "strong")} workers of the state have no entry yet (entries appear 5 to 10 minutes after an upload).</p>\n");
        string[] statuses = ["success", "warning", "skipped", "failure"];
        statuses = [.. statuses, .. report.Outcomes.Select(o => o.Status).Where(s => !statuses.Contains(s)).Distinct()];
        OpenTable(html, "outcomes", "Workers by provisioning action and status");
        html.Append("<thead><tr><th scope=\"col\">Action</th>");
        foreach (string status in statuses)
        {
            html.Append($"<th scope=\"col\" class=\"num\">{E(status)}</th>");
        }
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (IGrouping<string, OutcomeCount> action in report.Outcomes.GroupBy(o => o.Action))
        {
            html.Append($"<tr><th scope=\"row\">{E(action.Key.Length == 0 ? "(none)" : action.Key)}</th>");
            foreach (string status in statuses)
            {
                long count = action.Where(o => o.Status == status).Sum(o => o.Workers);
                html.Append($"<td class=\"num\" data-action=\"{E(action.Key)}\" data-status=\"{E(status)}\" data-value=\"{count}\">{Number(count)}</td>");
            }
            html.Append("</tr>\n");
        }
        if (report.Outcomes.Count == 0)
        {
            html.Append($"<tr><td colspan=\"{statuses.Length + 1}\">No log entries yet.</td></tr>\n");
        }
        html.Append("</tbody></table></div>\n</section>\n");
    }

    private static void WriteFailures(StringBuilder html, ProvisioningReport report)
    {
        html.Append("<section aria-labelledby=\"failures-heading\">\n<h2 id=\"failures-heading\">Failures by reason</h2>\n");
        if (report.Failures.Count == 0)
        {
            html.Append("<p id=\"no-failures\">No failures: no worker's latest log entry is a failure, and the service refused no request of the last run.</p>\n</section>\n");
            return;
        }
        html.Append("<p>Workers whose latest log entry is a failure are sent again by the next run; so are the workers of a refused request, once the cause is corrected.</p>\n");
        OpenTable(html, "failures", "Failures, grouped by reason, with a few example workers");
        html.Append("<thead><tr><th scope=\"col\">Where</th><th scope=\"col\">Error</th><th scope=\"col\" class=\"num\">Workers</th><th scope=\"col\">Examples (externalId: source file and line, the service's message)</th></tr></thead>\n<tbody>\n");
        foreach (FailureGroup group in report.Failures)
        {
            string where = group.Kind == "request" ? "Refused request" : "Provisioning log";
            html.Append($"<tr data-kind=\"{E(group.Kind)}\"><td>{where}</td><td data-field=\"reason\">{E(group.Reason)}</td>");
            html.Append($"<td class=\"num\" data-field=\"workers\" data-value=\"{group.Workers}\">{Number(group.Workers)}</td><td>");
            if (group.Requests.Count > 0)
            {
                html.Append($"requests {E(string.Join(", ", group.Requests))} of run {report.LastRun?.Id}");
            }
            html.Append(string.Join("<br>", group.Examples.Select(WorkerText)));
            html.Append("</td></tr>\n");
        }
        html.Append("</tbody></table></div>\n</section>\n");
    }

    private static void WriteWorkerList(StringBuilder html, string id, string heading, long count, IReadOnlyList<ReportWorker> examples, string explanation,
        string detailHeading)
    {
        html.Append($"<section aria-labelledby=\"{id}-heading\">\n<h2 id=\"{id}-heading\">{E(heading)}</h2>\n");
        html.Append($"<p>{Figure(id, count, "strong")} workers. {E(explanation)}</p>\n");
        if (examples.Count > 0)
        {
            OpenTable(html, $"{id}-examples", $"{E(heading)}: the first {examples.Count}");
            html.Append($"<thead><tr><th scope=\"col\">externalId</th><th scope=\"col\">Source</th><th scope=\"col\">{E(detailHeading)}</th></tr></thead>\n<tbody>\n");
            foreach (ReportWorker worker in examples)
            {
                html.Append($"<tr><td class=\"id\" data-field=\"externalId\">{E(worker.ExternalId)}</td><td><code>{E(worker.Source ?? "")}</code></td><td>{E(worker.Detail ?? "")}</td></tr>\n");
            }
            html.Append("</tbody></table></div>\n");
        }
        html.Append("</section>\n");
    }

    private static void WriteRuns(StringBuilder html, ProvisioningReport report)
    {
        string heading = report.Runs.Count switch { 0 => "No runs yet", 1 => "The last run", int count => $"The last {count} runs" };
        html.Append($"<section aria-labelledby=\"runs-heading\">\n<h2 id=\"runs-heading\">{heading}</h2>\n<div class=\"charts\">\n");
        Chart(html, "chart-sent", "Workers sent per run", "workers", "#1565c0", report.Runs.Select(r => ($"#{r.Id}", r.WorkersSent)).ToList());
        Chart(html, "chart-failures", "Failures per run", "workers", "#c62828", report.Runs.Select(r => ($"#{r.Id}", r.Failures)).ToList());
        Chart(html, "chart-calls", "bulkUpload calls per day (UTC)", "calls", "#6a1b9a",
            report.CallsPerDay.Select(d => (d.Day.ToString("MM-dd", CultureInfo.InvariantCulture), d.Calls)).ToList());
        html.Append("</div>\n");

        OpenTable(html, "runs", "The runs charted above, oldest first");
        html.Append("<thead><tr>");
        foreach (string column in new[] { "Run", "Started (UTC)", "Status", "Time taken", "In export", "New", "Changed", "Disabled", "Workers sent", "Accepted", "Failures", "Not sent", "Calls" })
        {
            html.Append($"<th scope=\"col\">{E(column)}</th>");
        }
        html.Append("</tr></thead>\n<tbody>\n");
        if (report.Runs.Count == 0)
        {
            html.Append("<tr id=\"no-runs\"><td colspan=\"13\">No runs yet: no run has used this state.</td></tr>\n");
        }
        foreach (ReportRun run in report.Runs)
        {
            html.Append($"<tr data-run=\"{run.Id}\"><th scope=\"row\">{run.Id}</th><td>{E(Time(run.StartedAt))}</td><td>{E(run.Status)}</td><td>{E(Duration(run.Duration))}</td>");
            foreach ((string field, long value) in new[] { ("Input", run.Input), ("New", run.New), ("Changed", run.Changed), ("Disables", run.Disables),
                ("WorkersSent", run.WorkersSent), ("WorkersAccepted", run.WorkersAccepted), ("Failures", run.Failures), ("WorkersNotSent", run.WorkersNotSent), ("Calls", run.Calls) })
            {
                html.Append($"<td class=\"num\" data-field=\"{field}\" data-value=\"{value}\">{Number(value)}</td>");
            }
            html.Append("</tr>\n");
        }
        html.Append("</tbody></table></div>\n");

        OpenTable(html, "calls-per-day", "bulkUpload calls per day (UTC), as charted above");
        html.Append("<thead><tr><th scope=\"col\">Day</th><th scope=\"col\" class=\"num\">Calls</th><th scope=\"col\" class=\"num\">Workers sent</th></tr></thead>\n<tbody>\n");
        if (report.CallsPerDay.Count == 0)
        {
            html.Append("<tr id=\"no-calls\"><td colspan=\"3\">No calls yet.</td></tr>\n");
        }
        foreach (DailyCalls day in report.CallsPerDay)
        {
            html.Append($"<tr data-day=\"{day.Day:yyyy-MM-dd}\"><th scope=\"row\">{day.Day:yyyy-MM-dd}</th><td class=\"num\" data-field=\"Calls\" data-value=\"{day.Calls}\">{Number(day.Calls)}</td>" +
                $"<td class=\"num\" data-field=\"Workers\" data-value=\"{day.Workers}\">{Number(day.Workers)}</td></tr>\n");
        }
        html.Append("</tbody></table></div>\n</section>\n");
    }

    private static void Chart(StringBuilder html, string id, string title, string unit, string color, List<(string Label, long Value)> points)
    {
        html.Append($"<figure><figcaption id=\"{id}-caption\">{E(title)}</figcaption>");
        SvgBarChart.Write(html, Encoder, id, title, unit, color, points);
        html.Append("</figure>\n");
    }

    // A table that may be wider than the window scrolls inside a region that the keyboard can reach and that a screen
    // reader names by the table's caption. The caption is written here as given: callers encode what they interpolate.
    private static void OpenTable(StringBuilder html, string id, string captionHtml) =>
        html.Append($"<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"{id}-caption\"><table id=\"{id}\">\n<caption id=\"{id}-caption\">{captionHtml}</caption>\n");

    private static void Card(StringBuilder html, string id, string label, long value, string tone) =>
        html.Append($"<div class=\"card {tone}\" role=\"listitem\"><span class=\"value\" data-figure=\"{id}\" data-value=\"{value}\">{Number(value)}</span><span class=\"label\">{E(label)}</span></div>\n");

    private static void Row(StringBuilder html, string label, string id, long value) =>
        html.Append($"<tr><th scope=\"row\">{E(label)}</th><td class=\"num\" data-figure=\"{id}\" data-value=\"{value}\">{Number(value)}</td></tr>\n");

    private static string Figure(string id, long value, string element) =>
        $"<{element} data-figure=\"{id}\" data-value=\"{value}\">{Number(value)}</{element}>";

    private static string WorkerText(ReportWorker worker) =>
        $"<span class=\"id\" data-field=\"externalId\">{E(worker.ExternalId)}</span>{(worker.Source is { } source ? $": <code>{E(source)}</code>" : "")}" +
        (worker.Detail is { } detail ? $" <span class=\"note\">{E(detail)}</span>" : "");

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string Duration(TimeSpan? duration) => duration switch
    {
        null => "not ended",
        { TotalHours: >= 1 } d => $"{(int)d.TotalHours} h {d.Minutes} min",
        { TotalMinutes: >= 1 } d => $"{d.Minutes} min {d.Seconds} s",
        { } d => $"{d.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s",
    };

    private static string E(string text) => Encoder.Encode(text);
}
