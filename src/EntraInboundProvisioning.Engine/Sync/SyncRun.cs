using Microsoft.Data.Sqlite;
using EntraInboundProvisioning.Engine.Batching;
using EntraInboundProvisioning.Engine.Provisioning;
using EntraInboundProvisioning.Engine.Scim;

namespace EntraInboundProvisioning.Engine.Sync;

/// <summary>
/// One run of a recurring sync. Each user of the input is compared with the state (by the hash of its meaning) and,
/// when it must be sent, staged on disk; at the end of the input the run adds leavers, checks the disable guard,
/// orders the staged users managers-first, and hands them out in that order. Send results are recorded as they come,
/// one transaction per request.
/// </summary>
public sealed class SyncRun
{
    private const int StagingChunk = 5000;
    private const int EmitPage = 500;

    private readonly ProvisioningState _state;
    private readonly Dictionary<string, long> _changedAttributes = new(StringComparer.Ordinal);
    private readonly DateTimeOffset _startedAt = DateTimeOffset.UtcNow;
    private readonly bool _anyPending;
    private SqliteTransaction? _transaction;
    // Prepared once: a run looks up and stages every user of the input.
    private SqliteCommand? _seen;
    private SqliteCommand? _lookup;
    private SqliteCommand? _pending;
    private SqliteCommand? _stage;
    private int _inChunk;
    private bool _finished;
    private readonly HashSet<int> _inFlight = [];
    private bool _ended;

    internal SyncRun(ProvisioningState state, SyncRunOptions options)
    {
        _state = state;
        Options = options;
        Summary = new SyncRunSummary { Scope = options.Scope, Mode = options.Mode, Preview = options.Preview };
        state.Execute("DELETE FROM stage.seen; DELETE FROM stage.users; DELETE FROM stage.emit");
        _anyPending = Convert.ToInt64(state.Scalar("SELECT COUNT(*) FROM pending")) > 0;
        if (!options.Preview)
        {
            using SqliteTransaction transaction = Begin();
            state.Execute("UPDATE runs SET status = 'interrupted' WHERE status IN ('staging', 'sending')");
            using SqliteCommand insert = state.Command(
                "INSERT INTO runs(scope, mode, status, started_at) VALUES ($scope, $mode, 'staging', $at); SELECT last_insert_rowid()");
            insert.Parameters.AddWithValue("$scope", options.Scope);
            insert.Parameters.AddWithValue("$mode", options.Mode);
            insert.Parameters.AddWithValue("$at", ProvisioningState.Timestamp(_startedAt));
            Id = Convert.ToInt64(insert.ExecuteScalar());
            Commit();
            Summary.RunId = Id;
        }
        _transaction = Begin();
    }

    public long? Id { get; }

    public SyncRunOptions Options { get; }

    public SyncRunSummary Summary { get; }

    public bool IsPreview => Options.Preview;

    /// <summary>Compares one user of the input with the state and stages it when it must be sent.</summary>
    public void Add(ScimUser user)
    {
        if (_finished)
        {
            throw new InvalidOperationException("The run has already ended its input.");
        }
        byte[] hash = CanonicalUser.Hash(user.Utf8Json);
        SqliteCommand seen = Prepared(ref _seen, "INSERT OR IGNORE INTO stage.seen(external_id) VALUES ($id)", "$id");
        seen.Parameters[0].Value = user.ExternalId;
        if (seen.ExecuteNonQuery() == 0)
        {
            // A second user with the same externalId: ConvertTo-ScimUser reports it; the first one counts.
            return;
        }
        Summary.Input++;
        bool active = user.Active ?? true;

        (byte[] Hash, bool Active, string? Outcome, byte[] Json, bool ManagerUnresolved)? accepted = null;
        SqliteCommand lookup = Prepared(ref _lookup,
            "SELECT hash, active, outcome_status, user_json, manager_unresolved FROM workers WHERE external_id = $id", "$id");
        lookup.Parameters[0].Value = user.ExternalId;
        {
            using SqliteDataReader reader = lookup.ExecuteReader();
            if (reader.Read())
            {
                accepted = ((byte[])reader[0], reader.GetInt64(1) != 0, reader.IsDBNull(2) ? null : reader.GetString(2), (byte[])reader[3],
                    reader.GetInt64(4) != 0);
            }
        }
        (byte[] Hash, DateTimeOffset SentAt)? pending = _anyPending ? Pending(user.ExternalId) : null;
        bool pendingSame = pending is { } p && p.Hash.AsSpan().SequenceEqual(hash);
        if (pendingSame && DateTimeOffset.UtcNow - pending!.Value.SentAt < Options.UnknownSettleLag)
        {
            Summary.Pending++;
            return;
        }

        StagedKind kind;
        bool disable = false;
        if (accepted is not { } known)
        {
            kind = StagedKind.New;
            Summary.New++;
        }
        else if (!known.Hash.AsSpan().SequenceEqual(hash))
        {
            kind = StagedKind.Changed;
            Summary.Changed++;
            disable = known.Active && !active;
            if (disable)
            {
                Summary.Deactivated++;
            }
            foreach (string attribute in CanonicalUser.ChangedAttributes(UserJson.Decompress(known.Json), user.Utf8Json))
            {
                _changedAttributes[attribute] = _changedAttributes.GetValueOrDefault(attribute) + 1;
            }
        }
        else if (pendingSame || known.Outcome == "failure")
        {
            kind = StagedKind.Retried;
            Summary.Retried++;
        }
        else if (Options.Full)
        {
            kind = StagedKind.Refreshed;
            Summary.Refreshed++;
        }
        else if (known.ManagerUnresolved)
        {
            // Sent with this run's row only if its manager turns out to be known (StageResolvedManagers).
            kind = StagedKind.ManagerResolved;
            Summary.Unchanged++;
        }
        else
        {
            Summary.Unchanged++;
            return;
        }
        Stage(user.ExternalId, kind, hash, UserJson.Compress(user.Utf8Json), active, user.ManagerId, user.SourceFile, user.LineNumber, disable);
    }

    /// <summary>
    /// Ends the input: stages workers whose manager is now known and leavers, applies the disable guard (before anything
    /// is handed out), and orders the run managers-first. Returns warnings for the caller to show.
    /// </summary>
    public IReadOnlyList<string> Finish()
    {
        if (_finished)
        {
            return [];
        }
        _finished = true;
        var warnings = new List<string>();
        Summary.Rejected = Convert.ToInt64(_state.Scalar("SELECT COUNT(*) FROM stage.rejected")) + _state.RejectedWithoutId;
        Summary.UnknownRequests = Convert.ToInt64(_state.Scalar("SELECT COUNT(*) FROM (SELECT DISTINCT run_id, request_index FROM pending)"));

        StageResolvedManagers();
        StageLeavers(warnings);
        Summary.DisablesNotApplied = Convert.ToInt64(_state.Scalar(
            "SELECT COUNT(*) FROM stage.users u JOIN workers w ON w.external_id = u.external_id WHERE u.disable = 1 AND " + LogRecorder.DisableNotAppliedSql));
        Summary.AwaitingOutcome = Convert.ToInt64(_state.Scalar("SELECT COUNT(*) FROM workers WHERE outcome_status IS NULL"));
        _state.ConsumeRejections();
        CheckDisableGuard();
        Summary.ManagerCycles = ManagerOrder.Assign(_state);
        foreach (string cycle in Summary.ManagerCycles)
        {
            warnings.Add($"Managers form a cycle ({cycle}); {cycle[..cycle.IndexOf(' ')]} is sent first, without its manager.");
        }
        _state.Execute("INSERT INTO stage.emit(seq) SELECT seq FROM stage.users ORDER BY kind = 5, depth, seq");
        Summary.ChangedAttributes = _changedAttributes.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
            .ToDictionary(p => p.Key, p => p.Value);

        if (!IsPreview)
        {
            using (SqliteCommand scope = _state.Command(
                "UPDATE workers SET scope = $scope WHERE scope <> $scope AND external_id IN (SELECT external_id FROM stage.seen)"))
            {
                scope.Parameters.AddWithValue("$scope", Options.Scope);
                scope.ExecuteNonQuery();
            }
            UpdateRun("sending");
        }
        Commit();
        return warnings;
    }

    /// <summary>The staged users, managers before the workers who report to them, leavers last.</summary>
    public IEnumerable<StagedUser> Users()
    {
        if (!_finished)
        {
            throw new InvalidOperationException("Finish the run before reading its users.");
        }
        long last = 0;
        while (true)
        {
            var page = new List<(long Ord, StagedUser User)>(EmitPage);
            lock (_state.Gate)
            using (SqliteCommand command = _state.Command("""
                SELECT e.ord, u.external_id, u.user_json, u.active, u.manager_id, u.source_file, u.line, u.kind, u.disable, u.depth
                FROM stage.emit e JOIN stage.users u ON u.seq = e.seq WHERE e.ord > $last ORDER BY e.ord LIMIT $page
                """))
            {
                command.Parameters.AddWithValue("$last", last);
                command.Parameters.AddWithValue("$page", EmitPage);
                using SqliteDataReader r = command.ExecuteReader();
                while (r.Read())
                {
                    var user = new ScimUser(r.GetString(1), UserJson.Decompress((byte[])r[2]), null, null, r.GetInt64(3) != 0,
                        r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), r.GetInt64(6));
                    page.Add((r.GetInt64(0), new StagedUser(user, (StagedKind)r.GetInt32(7), r.GetInt64(8) != 0, r.IsDBNull(9) ? 0 : r.GetInt64(9))));
                }
            }
            foreach ((long ord, StagedUser user) in page)
            {
                last = ord;
                yield return user;
            }
            if (page.Count < EmitPage)
            {
                yield break;
            }
        }
    }

    /// <summary>
    /// Records a request as in flight before its body goes out, in one committed transaction: its workers are pending
    /// and the request counts as Unknown until <see cref="RecordResult(BulkSendResult)"/> settles it. A kill, Ctrl+C or a
    /// terminating error at any moment thus leaves each request accepted, pending (settled from the logs) or never started.
    /// </summary>
    public void RecordSending(ScimBulkRequest request) => RecordSending(request.Index, request.ExternalIds, DateTimeOffset.UtcNow);

    public void RecordSending(int index, IReadOnlyList<string> externalIds, DateTimeOffset sentAt)
    {
        if (IsPreview)
        {
            return;
        }
        lock (_state.Gate)
        {
            if (_ended)
            {
                return;
            }
            if (_inFlight.Add(index))
            {
                Record(index, externalIds, "Unknown", 0, null, null, sentAt, "No answer yet: the request was in flight.", inFlight: false);
            }
            else
            {
                Restamp(index, externalIds, sentAt);
            }
        }
    }

    /// <summary>A retry of a request already in flight: its pending workers wait for the logs from this attempt on.</summary>
    private void Restamp(int index, IReadOnlyList<string> externalIds, DateTimeOffset sentAt)
    {
        using SqliteTransaction transaction = Begin();
        using (SqliteCommand restamp = _state.Command("""
            UPDATE pending SET sent_at = $at WHERE run_id = $run AND request_index = $index;
            UPDATE requests SET sent_at = $at WHERE run_id = $run AND request_index = $index;
            """))
        {
            restamp.Parameters.AddWithValue("$at", ProvisioningState.Timestamp(sentAt));
            restamp.Parameters.AddWithValue("$run", Id);
            restamp.Parameters.AddWithValue("$index", index);
            restamp.ExecuteNonQuery();
        }
        Commit();
        Notify(new RecordedRequest(Id!.Value, index, "Unknown", 0, externalIds, sentAt));
    }

    /// <summary>Records what became of one request, in one transaction: Accepted, Failed, Unknown (pending) or NotSent.</summary>
    public void RecordResult(BulkSendResult result) => RecordResult(result.Index, result.ExternalIds, result.Status.ToString(), result.StatusCode,
        result.RequestId, result.Location, result.SentAt, result.ErrorMessage);

    /// <remarks>Safe to call from any thread: Send-ScimBulkRequest records each result as its answer arrives.</remarks>
    public void RecordResult(int index, IReadOnlyList<string> externalIds, string status, int statusCode, string? requestId, string? location,
        DateTimeOffset sentAt, string? error)
    {
        if (IsPreview)
        {
            return;
        }
        lock (_state.Gate)
        {
            bool inFlight = _inFlight.Remove(index);
            if (!_ended && (inFlight || status != "NotSent"))
            {
                Record(index, externalIds, status, statusCode, requestId, location, sentAt, error, inFlight);
            }
        }
    }

    /// <param name="inFlight">
    /// Whether <see cref="RecordSending(int, IReadOnlyList{string}, DateTimeOffset)"/> recorded the request: its Unknown
    /// count is taken back, and a refusal (Failed, NotSent: the service did not take it) backs its workers out of pending.
    /// </param>
    private void Record(int index, IReadOnlyList<string> externalIds, string status, int statusCode, string? requestId, string? location,
        DateTimeOffset sentAt, string? error, bool inFlight)
    {
        using SqliteTransaction transaction = Begin();
        if (inFlight && status is not ("Accepted" or "Unknown"))
        {
            using SqliteCommand backOut = _state.Command(BackOutSql(status));
            backOut.Parameters.AddWithValue("$run", Id);
            backOut.Parameters.AddWithValue("$index", index);
            backOut.ExecuteNonQuery();
        }
        if (status != "NotSent")
        {
            using SqliteCommand request = _state.Command("""
            INSERT OR REPLACE INTO requests(run_id, request_index, status, status_code, workers, request_id, location, sent_at, error)
            VALUES ($run, $index, $status, $code, $workers, $requestId, $location, $at, $error)
            """);
            request.Parameters.AddWithValue("$run", Id);
            request.Parameters.AddWithValue("$index", index);
            request.Parameters.AddWithValue("$status", status);
            request.Parameters.AddWithValue("$code", statusCode);
            request.Parameters.AddWithValue("$workers", externalIds.Count);
            request.Parameters.AddWithValue("$requestId", (object?)requestId ?? DBNull.Value);
            request.Parameters.AddWithValue("$location", (object?)location ?? DBNull.Value);
            request.Parameters.AddWithValue("$at", ProvisioningState.Timestamp(sentAt));
            request.Parameters.AddWithValue("$error", (object?)error ?? DBNull.Value);
            request.ExecuteNonQuery();
        }
        var recorded = new List<string>();
        string counter = status switch
        {
            "Accepted" => "requests_accepted",
            "Unknown" or "NotSent" => "requests_unknown",
            _ => "requests_failed",
        };
        // The in-flight record counted the request as Unknown; SQLite applies only the last of two SETs of a column.
        int unknownTakenBack = inFlight ? 1 : 0;
        string counts = counter == "requests_unknown"
            ? $"requests_unknown = requests_unknown + {(status == "NotSent" ? 0 : 1) - unknownTakenBack}"
            : $"{counter} = {counter} + 1, requests_unknown = requests_unknown - {unknownTakenBack}";
        // An in-flight request's workers are pending already, as they were staged when it went out.
        if (status == "Accepted" || (status == "Unknown" && !inFlight))
        {
            using SqliteCommand record = _state.Command(status == "Accepted" ? AcceptSql : PendingSql);
            record.Parameters.AddWithValue("$run", Id);
            record.Parameters.AddWithValue("$index", index);
            record.Parameters.AddWithValue("$scope", Options.Scope);
            record.Parameters.AddWithValue("$at", ProvisioningState.Timestamp(sentAt));
            SqliteParameter id = record.Parameters.Add("$id", SqliteType.Text);
            foreach (string externalId in externalIds)
            {
                id.Value = externalId;
                if (record.ExecuteNonQuery() > 0)
                {
                    recorded.Add(externalId);
                }
            }
        }
        using (SqliteCommand run = _state.Command(
            $"UPDATE runs SET {counts}, workers_accepted = workers_accepted + $accepted, ended_at = $now WHERE id = $run"))
        {
            run.Parameters.AddWithValue("$accepted", status == "Accepted" ? recorded.Count : 0);
            run.Parameters.AddWithValue("$now", ProvisioningState.Timestamp(DateTimeOffset.UtcNow));
            run.Parameters.AddWithValue("$run", Id);
            run.ExecuteNonQuery();
        }
        Commit();
        Notify(new RecordedRequest(Id!.Value, index, status, statusCode, recorded, sentAt));
    }

    /// <summary>Tells the state's storage of a committed record, with its journal line for a storage that keeps one.</summary>
    private void Notify(RecordedRequest recordedRequest) =>
        _state.NotifyRecorded(_state.Storage.KeepsJournal
            ? recordedRequest with { JournalLine = StateJournal.Capture(_state, recordedRequest) }
            : recordedRequest);

    // A worker is accepted with the manager unresolved when the manager was not accepted before it (in an earlier
    // request, or earlier in this one): the service resolves manager.value only against users it already processed.
    private const string AcceptSql = """
        INSERT INTO workers(external_id, scope, hash, user_json, active, manager_id, manager_unresolved, source, accepted_at, accepted_run, accepted_request)
        SELECT u.external_id, $scope, u.hash, u.user_json, u.active, u.manager_id,
               u.manager_id IS NOT NULL AND u.manager_id <> u.external_id AND NOT EXISTS (SELECT 1 FROM workers m WHERE m.external_id = u.manager_id),
               CASE WHEN u.source_file IS NULL THEN NULL ELSE u.source_file || ':' || u.line END, $at, $run, $index
        FROM stage.users u WHERE u.external_id = $id
        ON CONFLICT(external_id) DO UPDATE SET scope = excluded.scope, hash = excluded.hash, user_json = excluded.user_json, active = excluded.active,
            manager_id = excluded.manager_id, manager_unresolved = excluded.manager_unresolved, source = COALESCE(excluded.source, workers.source),
            accepted_at = excluded.accepted_at, accepted_run = excluded.accepted_run, accepted_request = excluded.accepted_request,
            outcome_status = NULL, outcome_action = NULL, outcome_reason = NULL, outcome_at = NULL;
        DELETE FROM pending WHERE external_id = $id;
        """;

    // A refused request deletes the pending rows it wrote; a worker's pending row of an earlier request that its
    // in-flight record replaced is not restored (the worker is sent again next run instead of waiting for the logs).
    internal static string BackOutSql(string status) =>
        "DELETE FROM pending WHERE run_id = $run AND request_index = $index" +
        (status == "NotSent" ? "; DELETE FROM requests WHERE run_id = $run AND request_index = $index" : "");

    private const string PendingSql = """
        INSERT OR REPLACE INTO pending(external_id, scope, hash, user_json, active, manager_id, source, run_id, request_index, sent_at)
        SELECT u.external_id, $scope, u.hash, u.user_json, u.active, u.manager_id,
               CASE WHEN u.source_file IS NULL THEN NULL ELSE u.source_file || ':' || u.line END, $run, $index, $at
        FROM stage.users u WHERE u.external_id = $id
        """;

    /// <summary>
    /// Every request handed out was sent (or left NotSent by a stop): the run's record ends now, so that a report of the
    /// still-open state shows it ended. Results of requests sent again before the state closes are still recorded.
    /// </summary>
    public void MarkSent()
    {
        if (!IsPreview && _finished && !_ended)
        {
            UpdateRun("ended");
        }
    }

    /// <summary>Ends the run: a run that was stopped before its input ended is marked interrupted.</summary>
    internal void End()
    {
        lock (_state.Gate)
        {
            EndLocked();
        }
    }

    private void EndLocked()
    {
        if (_ended)
        {
            return;
        }
        _ended = true;
        foreach (SqliteCommand? command in new[] { _seen, _lookup, _pending, _stage })
        {
            command?.Dispose();
        }
        if (_transaction is not null)
        {
            _transaction.Dispose();
            _transaction = null;
            _state.Transaction = null;
        }
        if (!IsPreview && _state.IsOpen)
        {
            UpdateRun(_finished ? "ended" : "interrupted");
        }
    }

    private (byte[] Hash, DateTimeOffset SentAt)? Pending(string externalId)
    {
        SqliteCommand command = Prepared(ref _pending, "SELECT hash, sent_at FROM pending WHERE external_id = $id", "$id");
        command.Parameters[0].Value = externalId;
        using SqliteDataReader reader = command.ExecuteReader();
        return reader.Read() ? ((byte[])reader[0], ProvisioningState.ParseTimestamp(reader.GetString(1))) : null;
    }

    private void Stage(string externalId, StagedKind kind, byte[] hash, byte[] compressedJson, bool active, string? managerId, string? sourceFile,
        long line, bool disable)
    {
        SqliteCommand stage = Prepared(ref _stage, """
            INSERT INTO stage.users(external_id, kind, hash, user_json, active, manager_id, source_file, line, disable)
            VALUES ($id, $kind, $hash, $json, $active, $manager, $file, $line, $disable)
            """, "$id", "$kind", "$hash", "$json", "$active", "$manager", "$file", "$line", "$disable");
        object?[] values = [externalId, (int)kind, hash, compressedJson, active, managerId, sourceFile, line, disable];
        for (int i = 0; i < values.Length; i++)
        {
            stage.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
        stage.ExecuteNonQuery();
        if (++_inChunk >= StagingChunk)
        {
            Commit();
            _transaction = Begin();
        }
    }

    private SqliteCommand Prepared(ref SqliteCommand? command, string sql, params string[] parameters)
    {
        if (command is null)
        {
            command = _state.Command(sql);
            foreach (string name in parameters)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }
        }
        command.Transaction = _state.Transaction;
        return command;
    }

    // Unchanged workers whose manager was unresolved were staged with this run's row; those whose manager is still not
    // known to the service (not accepted, and not sent this run) are not sent.
    private void StageResolvedManagers()
    {
        _state.Command("""
            DELETE FROM stage.users WHERE kind = 4
              AND NOT EXISTS (SELECT 1 FROM workers m WHERE m.external_id = stage.users.manager_id)
              AND NOT EXISTS (SELECT 1 FROM stage.users m WHERE m.external_id = stage.users.manager_id AND m.kind NOT IN (4, 5))
            """).ExecuteNonQueryAndDispose();
        Summary.ManagerResolved = Convert.ToInt64(_state.Scalar("SELECT COUNT(*) FROM stage.users WHERE kind = 4"));
        Summary.Unchanged -= Summary.ManagerResolved;
    }

    private void StageLeavers(List<string> warnings)
    {
        const string absent = """
            FROM workers w WHERE w.scope = $scope AND w.active = 1
              AND NOT EXISTS (SELECT 1 FROM stage.seen s WHERE s.external_id = w.external_id)
              AND NOT EXISTS (SELECT 1 FROM stage.rejected r WHERE r.external_id = w.external_id)
            """;
        // A disable sent without an answer is settled from the logs, as any unanswered request: sent again only when
        // no entry came within the lag.
        const string disableInDoubt =
            "EXISTS (SELECT 1 FROM pending p WHERE p.external_id = w.external_id AND p.active = 0 AND p.sent_at > $settledBefore)";
        const string leavers = absent + " AND NOT " + disableInDoubt;
        string settledBefore = ProvisioningState.Timestamp(DateTimeOffset.UtcNow - Options.UnknownSettleLag);
        using (SqliteCommand count = _state.Command($"SELECT COUNT(*) {leavers}; SELECT COUNT(*) {absent} AND {disableInDoubt}"))
        {
            count.Parameters.AddWithValue("$scope", Options.Scope);
            count.Parameters.AddWithValue("$settledBefore", settledBefore);
            using SqliteDataReader r = count.ExecuteReader();
            r.Read();
            Summary.Leavers = r.GetInt64(0);
            r.NextResult();
            r.Read();
            Summary.Pending += Options.Leavers == LeaverMode.Disable ? r.GetInt64(0) : 0;
        }
        if (Options.Leavers != LeaverMode.Disable || Summary.Leavers == 0)
        {
            return;
        }
        if (_state.RejectedWithoutId > 0)
        {
            Summary.LeaversWithheld = true;
            warnings.Add($"{_state.RejectedWithoutId} rows of the input were rejected before their externalId was known (see Import-HrCsv's errors), " +
                $"so none of the {Summary.Leavers} workers absent from the input is disabled this run. Correct the export and run again.");
            return;
        }
        using SqliteCommand select = _state.Command("SELECT w.external_id, w.user_json, w.manager_id " + leavers + " ORDER BY w.external_id");
        select.Parameters.AddWithValue("$scope", Options.Scope);
        select.Parameters.AddWithValue("$settledBefore", settledBefore);
        var rows = new List<(string Id, byte[] Json, string? Manager)>();
        using (SqliteDataReader r = select.ExecuteReader())
        {
            while (r.Read())
            {
                rows.Add((r.GetString(0), (byte[])r[1], r.IsDBNull(2) ? null : r.GetString(2)));
                if (rows.Count == StagingChunk)
                {
                    break;
                }
            }
        }
        // Leavers are few on any day the guard lets through; read them in chunks so that a bad day does not fill memory.
        StageLeaverRows(rows);
        while (rows.Count == StagingChunk)
        {
            rows.Clear();
            using SqliteCommand next = _state.Command("SELECT w.external_id, w.user_json, w.manager_id " + leavers +
                " AND NOT EXISTS (SELECT 1 FROM stage.users u WHERE u.external_id = w.external_id) ORDER BY w.external_id LIMIT $chunk");
            next.Parameters.AddWithValue("$scope", Options.Scope);
            next.Parameters.AddWithValue("$settledBefore", settledBefore);
            next.Parameters.AddWithValue("$chunk", StagingChunk);
            using SqliteDataReader r = next.ExecuteReader();
            while (r.Read())
            {
                rows.Add((r.GetString(0), (byte[])r[1], r.IsDBNull(2) ? null : r.GetString(2)));
            }
            r.Close();
            StageLeaverRows(rows);
        }
        Summary.LeaversSent = true;
    }

    private void StageLeaverRows(List<(string Id, byte[] Json, string? Manager)> rows)
    {
        foreach ((string id, byte[] json, string? manager) in rows)
        {
            byte[] disabled = UserJson.Deactivated(UserJson.Decompress(json));
            Stage(id, StagedKind.Leaver, CanonicalUser.Hash(disabled), UserJson.Compress(disabled), false, manager, null, 0, true);
        }
    }

    private void CheckDisableGuard()
    {
        Summary.Disables = Summary.Deactivated + (Summary.LeaversSent ? Summary.Leavers : 0);
        if (Summary.Disables == 0 || Options.OverrideDisableGuard)
        {
            return;
        }
        long activeInScope;
        using (SqliteCommand count = _state.Command("SELECT COUNT(*) FROM workers WHERE scope = $scope AND active = 1"))
        {
            count.Parameters.AddWithValue("$scope", Options.Scope);
            activeInScope = Convert.ToInt64(count.ExecuteScalar());
        }
        long byPercent = (long)Math.Floor(Options.MaxDisablesPercent / 100 * activeInScope);
        long limit = Options.MaxDisables is { } max ? Math.Min(max, byPercent) : byPercent;
        if (Summary.Disables <= limit)
        {
            return;
        }
        var sample = new List<string>();
        using (SqliteCommand first = _state.Command("SELECT external_id FROM stage.users WHERE disable = 1 ORDER BY kind = 5, seq LIMIT 10"))
        using (SqliteDataReader r = first.ExecuteReader())
        {
            while (r.Read())
            {
                sample.Add(r.GetString(0));
            }
        }
        string scope = Options.Scope.Length == 0 ? "" : $" in scope '{Options.Scope}'";
        string limits = Options.MaxDisables is { } m && m < byPercent
            ? $"-MaxDisables {m}"
            : $"{Options.MaxDisablesPercent}% of the {activeInScope} active workers{scope} (-MaxDisablesPercent), that is {byPercent}";
        if (!IsPreview)
        {
            UpdateRun("stopped");
        }
        Commit();
        _ended = true;
        throw new DisableGuardException(
            $"This run would disable {Summary.Disables} workers ({(Summary.LeaversSent ? Summary.Leavers : 0)} absent from the input, {Summary.Deactivated} " +
            $"whose active turns false), more than the limit of {limits}; nothing was sent. The first: {string.Join(", ", sample)}" +
            $"{(Summary.Disables > sample.Count ? ", ..." : "")}. If the export is complete and the mapping right, run again with -OverrideDisableGuard " +
            "for this run, or raise -MaxDisables or -MaxDisablesPercent; otherwise correct the export or the mapping (is the file cut short? " +
            "does active map to the right column?).",
            (int)Summary.Disables, sample);
    }

    private void UpdateRun(string status)
    {
        using SqliteCommand run = _state.Command("""
            UPDATE runs SET status = $status, ended_at = $now, input = $input, unchanged = $unchanged, new = $new, changed = $changed,
                retried = $retried, manager_resolved = $resolved, pending = $pending, leavers = $leavers, disables = $disables, rejected = $rejected
            WHERE id = $run
            """);
        run.Parameters.AddWithValue("$status", status);
        run.Parameters.AddWithValue("$now", ProvisioningState.Timestamp(DateTimeOffset.UtcNow));
        run.Parameters.AddWithValue("$input", Summary.Input);
        run.Parameters.AddWithValue("$unchanged", Summary.Unchanged);
        run.Parameters.AddWithValue("$new", Summary.New);
        run.Parameters.AddWithValue("$changed", Summary.Changed);
        run.Parameters.AddWithValue("$retried", Summary.Retried + Summary.Refreshed);
        run.Parameters.AddWithValue("$resolved", Summary.ManagerResolved);
        run.Parameters.AddWithValue("$pending", Summary.Pending);
        run.Parameters.AddWithValue("$leavers", Summary.Leavers);
        run.Parameters.AddWithValue("$disables", Summary.Disables);
        run.Parameters.AddWithValue("$rejected", Summary.Rejected);
        run.Parameters.AddWithValue("$run", Id);
        run.ExecuteNonQuery();
    }

    private SqliteTransaction Begin()
    {
        SqliteTransaction transaction = _state.Connection.BeginTransaction();
        _state.Transaction = transaction;
        _inChunk = 0;
        return transaction;
    }

    private void Commit()
    {
        SqliteTransaction? transaction = _state.Transaction;
        transaction?.Commit();
        transaction?.Dispose();
        _state.Transaction = null;
        _transaction = null;
    }
}
