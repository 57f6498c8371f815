using Microsoft.Data.Sqlite;
using EntraInboundProvisioning.Engine.Sync;

namespace EntraInboundProvisioning.Engine.Reports;

/// <summary>Computes a report from a state: read-only queries over its runs, requests, workers and pending tables.</summary>
public static class ProvisioningReportBuilder
{
    public const int DefaultDailyQuota = 2000;

    public static ProvisioningReport Build(ProvisioningState state, int runs = 30, int dailyQuota = DefaultDailyQuota, int examples = 5,
        DateTimeOffset? now = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        DateTimeOffset generatedAt = now ?? DateTimeOffset.UtcNow;
        StateTotals totals = state.GetTotals();
        List<ReportRun> reportRuns = state.RunRecords(runs).Reverse().Select(run => ToReportRun(state, run)).ToList();
        ReportRun? last = reportRuns.LastOrDefault();

        var failures = new List<FailureGroup>();
        failures.AddRange(LogFailures(state, examples));
        if (last is not null)
        {
            failures.AddRange(RefusedRequests(state, last.Id));
        }

        return new ProvisioningReport
        {
            StateLocation = WithoutQuery(state.Location),
            GeneratedAt = generatedAt,
            Totals = totals,
            LastRun = last,
            Runs = reportRuns,
            DailyQuota = dailyQuota,
            CallsLast24Hours = Count(state, "SELECT COUNT(*) FROM requests WHERE sent_at >= $since",
                ("$since", ProvisioningState.Timestamp(generatedAt.AddHours(-24)))),
            CallsPerDay = CallsPerDay(state, reportRuns.FirstOrDefault()?.StartedAt),
            Outcomes = Outcomes(state),
            WithoutLogEntry = Count(state, "SELECT COUNT(*) FROM workers WHERE outcome_status IS NULL"),
            Failures = failures,
            ManagersUnresolved = totals.ManagerUnresolved,
            ManagersUnresolvedExamples = Workers(state,
                "SELECT external_id, source, 'manager ' || COALESCE(manager_id, '') FROM workers WHERE manager_unresolved = 1 ORDER BY external_id LIMIT $n",
                ("$n", examples)),
            WaitingForLogEntry = totals.Pending,
            WaitingForLogEntryExamples = Workers(state,
                "SELECT external_id, source, 'run ' || run_id || ', request ' || request_index || ', sent ' || sent_at FROM pending ORDER BY sent_at, external_id LIMIT $n",
                ("$n", examples)),
        };
    }

    private static ReportRun ToReportRun(ProvisioningState state, RunRecord run)
    {
        long calls = 0, sent = 0, refused = 0;
        using (SqliteCommand command = state.Command(
            "SELECT COUNT(*), COALESCE(SUM(workers), 0), COALESCE(SUM(CASE WHEN status = 'Failed' THEN workers END), 0) FROM requests WHERE run_id = $run"))
        {
            command.Parameters.AddWithValue("$run", run.Id);
            using SqliteDataReader r = command.ExecuteReader();
            r.Read();
            (calls, sent, refused) = (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2));
        }
        long logFailures = Count(state, "SELECT COUNT(*) FROM workers WHERE accepted_run = $run AND outcome_status = 'failure'", ("$run", run.Id));
        // The runs table does not say whether leavers were sent or withheld; disables at least as many as the leavers mean they were.
        long leaversSent = run.Leavers > 0 && run.Disables >= run.Leavers ? run.Leavers : 0;
        long staged = run.New + run.Changed + run.Retried + run.ManagerResolved + leaversSent;
        return new ReportRun
        {
            Id = run.Id,
            Scope = run.Scope,
            Mode = run.Mode,
            Status = run.Status,
            StartedAt = run.StartedAt,
            EndedAt = run.EndedAt,
            Input = run.Input,
            New = run.New,
            Changed = run.Changed,
            Unchanged = run.Unchanged,
            Retried = run.Retried,
            ManagerResolved = run.ManagerResolved,
            Leavers = run.Leavers,
            Disables = run.Disables,
            Rejected = run.Rejected,
            RequestsAccepted = run.RequestsAccepted,
            RequestsFailed = run.RequestsFailed,
            RequestsUnknown = run.RequestsUnknown,
            WorkersSent = sent,
            WorkersAccepted = run.WorkersAccepted,
            WorkersNotSent = Math.Max(0, staged - sent),
            Failures = refused + logFailures,
            Calls = calls,
        };
    }

    private static List<FailureGroup> LogFailures(ProvisioningState state, int examples)
    {
        // A reason is "ErrorCode: message", and the message often names the worker: group by the code.
        const string code = """
            CASE WHEN outcome_reason IS NULL THEN '(no reason given)'
                 WHEN instr(outcome_reason, ': ') > 0 THEN substr(outcome_reason, 1, instr(outcome_reason, ': ') - 1)
                 ELSE outcome_reason END
            """;
        var groups = new List<(string Code, long Workers)>();
        using (SqliteCommand command = state.Command(
            $"SELECT {code}, COUNT(*) FROM workers WHERE outcome_status = 'failure' GROUP BY 1 ORDER BY 2 DESC, 1"))
        using (SqliteDataReader r = command.ExecuteReader())
        {
            while (r.Read())
            {
                groups.Add((r.GetString(0), r.GetInt64(1)));
            }
        }
        return groups.Select(g => new FailureGroup("log", g.Code, g.Workers, [], Workers(state,
            $"SELECT external_id, source, outcome_reason FROM workers WHERE outcome_status = 'failure' AND {code} = $code ORDER BY external_id LIMIT $n",
            ("$code", g.Code), ("$n", examples)))).ToList();
    }

    private static List<FailureGroup> RefusedRequests(ProvisioningState state, long runId)
    {
        using SqliteCommand command = state.Command("""
            SELECT status_code, COALESCE(error, ''), SUM(workers), group_concat(request_index, ', ')
            FROM requests WHERE run_id = $run AND status = 'Failed' GROUP BY 1, 2 ORDER BY 3 DESC
            """);
        command.Parameters.AddWithValue("$run", runId);
        using SqliteDataReader r = command.ExecuteReader();
        var groups = new List<FailureGroup>();
        while (r.Read())
        {
            string reason = r.GetString(1).Length > 0 ? $"HTTP {r.GetInt64(0)}: {r.GetString(1)}" : $"HTTP {r.GetInt64(0)}";
            groups.Add(new FailureGroup("request", reason, r.GetInt64(2), r.GetString(3).Split(", ").Select(i => long.Parse(i, System.Globalization.CultureInfo.InvariantCulture)).ToList(), []));
        }
        return groups;
    }

    private static List<DailyCalls> CallsPerDay(ProvisioningState state, DateTimeOffset? from)
    {
        using SqliteCommand command = state.Command(
            "SELECT substr(sent_at, 1, 10), COUNT(*), SUM(workers) FROM requests WHERE sent_at >= $from GROUP BY 1 ORDER BY 1");
        command.Parameters.AddWithValue("$from", from is { } start ? ProvisioningState.Timestamp(start).Substring(0, 10) : "");
        using SqliteDataReader r = command.ExecuteReader();
        var days = new List<DailyCalls>();
        while (r.Read())
        {
            days.Add(new DailyCalls(DateOnly.ParseExact(r.GetString(0), "yyyy-MM-dd"), r.GetInt64(1), r.GetInt64(2)));
        }
        return days;
    }

    private static List<OutcomeCount> Outcomes(ProvisioningState state)
    {
        using SqliteCommand command = state.Command(
            "SELECT COALESCE(outcome_action, ''), outcome_status, COUNT(*) FROM workers WHERE outcome_status IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2");
        using SqliteDataReader r = command.ExecuteReader();
        var outcomes = new List<OutcomeCount>();
        while (r.Read())
        {
            outcomes.Add(new OutcomeCount(r.GetString(0), r.GetString(1), r.GetInt64(2)));
        }
        return outcomes;
    }

    private static List<ReportWorker> Workers(ProvisioningState state, string sql, params (string Name, object Value)[] parameters)
    {
        using SqliteCommand command = state.Command(sql);
        foreach ((string name, object value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        using SqliteDataReader r = command.ExecuteReader();
        var workers = new List<ReportWorker>();
        while (r.Read())
        {
            workers.Add(new ReportWorker(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2)));
        }
        return workers;
    }

    private static long Count(ProvisioningState state, string sql, params (string Name, object Value)[] parameters)
    {
        using SqliteCommand command = state.Command(sql);
        foreach ((string name, object value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return Convert.ToInt64(command.ExecuteScalar());
    }

    private static string WithoutQuery(string location) =>
        Uri.TryCreate(location, UriKind.Absolute, out Uri? uri) && uri.Scheme is "http" or "https" ? uri.GetLeftPart(UriPartial.Path) : location;
}
