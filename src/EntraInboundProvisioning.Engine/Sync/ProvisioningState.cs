using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace EntraInboundProvisioning.Engine.Sync;

/// <summary>
/// The state of a recurring sync for one provisioning job: each worker as the service last accepted it, requests whose
/// outcome is in doubt, runs and their requests. One SQLite file in WAL mode with full sync, held exclusively while
/// open, so that a killed process leaves the last commit intact and a second run of the same job cannot write beside
/// the first.
/// </summary>
public sealed class ProvisioningState : IDisposable
{
    // The local files open in this process: SQLite's lock cannot tell this process from another.
    private static readonly ConcurrentDictionary<string, ProvisioningState> OpenFiles =
        new(OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);

    private readonly StateStorage _storage;
    private readonly string _stagePath;
    private SqliteConnection? _connection;
    private long _rejectedWithoutId;

    static ProvisioningState() => SQLitePCL.Batteries_V2.Init();

    private ProvisioningState(StateStorage storage, SqliteConnection connection, string stagePath, int foundVersion)
    {
        _storage = storage;
        _connection = connection;
        _stagePath = stagePath;
        FoundSchemaVersion = foundVersion;
        OpenedAt = DateTimeOffset.UtcNow;
    }

    public string Location => _storage.Location;

    public StateStorage Storage => _storage;

    public bool IsOpen => _connection is not null;

    /// <summary>True for a state that is not kept after Close (a preview, or managers-first ordering without a state).</summary>
    public bool IsTransient => _storage is TransientStateStorage;

    public int SchemaVersion => StateSchema.Version;

    /// <summary>The version the file had when opened: 0 for a new file, less than <see cref="SchemaVersion"/> when upgraded.</summary>
    public int FoundSchemaVersion { get; }

    /// <summary>How many stored hashes the upgrade on open recomputed under this release's rule (and changed).</summary>
    public long RehashedOnUpgrade { get; private init; }

    public DateTimeOffset OpenedAt { get; }

    /// <summary>The run that New-ScimBulkRequest -State began last; Send-ScimBulkRequest -State records into it.</summary>
    public SyncRun? CurrentRun { get; private set; }

    /// <summary>Rows rejected upstream before their externalId was known (CSV faults): leavers are withheld while any are.</summary>
    public long RejectedWithoutId => _rejectedWithoutId;

    /// <summary>Held while a send result is recorded (on the thread its answer came on) and by what may overlap it: reading a run's users, closing.</summary>
    internal object Gate { get; } = new();

    /// <summary>The transaction a run or a log read holds open; every command on the connection must name it.</summary>
    internal SqliteTransaction? Transaction { get; set; }

    internal SqliteCommand Command(string sql)
    {
        SqliteCommand command = Connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = Transaction;
        return command;
    }

    internal object? Scalar(string sql)
    {
        using SqliteCommand command = Command(sql);
        return command.ExecuteScalar();
    }

    internal void Execute(string sql)
    {
        using SqliteCommand command = Command(sql);
        command.ExecuteNonQuery();
    }

    internal SqliteConnection Connection => _connection ?? throw new ObjectDisposedException(nameof(ProvisioningState),
        $"The provisioning state '{Location}' is closed. Open it again with Open-ProvisioningState.");

    public static ProvisioningState Open(string path) => Open(new LocalStateStorage(path));

    public static ProvisioningState Open(StateStorage storage)
    {
        string? path = storage.DatabasePath;
        if (path is not null && Path.GetDirectoryName(path) is { Length: > 0 } folder && !Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The folder of the state '{storage.Location}' does not exist. Create it first, or name a file in a folder that exists.");
        }
        if (path is not null && Directory.Exists(path))
        {
            throw new StateIsFolderException(
                $"'{storage.Location}' is a folder; a provisioning state is one file. Name a file in it, for example '{Path.Combine(storage.Location, "hr-sync.db")}'.");
        }
        if (storage is LocalStateStorage && OpenFiles.TryGetValue(storage.Location, out ProvisioningState? open))
        {
            throw new StateAlreadyOpenException(
                $"The state '{storage.Location}' is already open in this PowerShell session (since {open.OpenedAt:u}). Use the state object that " +
                "Open-ProvisioningState returned then (for example $state), or close it first with Close-ProvisioningState.", open);
        }
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path ?? ":memory:",
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 2,
        }.ToString());
        ScratchFiles.RemoveStale();
        string stagePath = ScratchFiles.NewPath("stage");
        try
        {
            connection.Open();
            StateSchema.Execute(connection, "PRAGMA locking_mode = EXCLUSIVE");
            if (path is not null)
            {
                StateSchema.Execute(connection, "PRAGMA journal_mode = WAL");
                StateSchema.Execute(connection, "PRAGMA synchronous = FULL");
            }
            int found;
            long rehashed;
            using (SqliteTransaction transaction = connection.BeginTransaction(deferred: false))
            {
                found = StateSchema.Upgrade(connection, transaction, storage.Location, out rehashed);
                Meta(connection, transaction, "opened_at", Timestamp(DateTimeOffset.UtcNow));
                transaction.Commit();
            }
            storage.OnOpened(connection);
            if (found is > 0 and < StateSchema.TaggedHashVersion && storage.KeepsJournal)
            {
                // A journal left by the previous release was replayed after the upgrade: its rows carry that release's hashes.
                using SqliteTransaction transaction = connection.BeginTransaction();
                rehashed += StateSchema.Rehash(connection, transaction);
                transaction.Commit();
            }
            using (SqliteCommand attach = connection.CreateCommand())
            {
                attach.CommandText = "ATTACH DATABASE $path AS stage";
                attach.Parameters.AddWithValue("$path", stagePath);
                attach.ExecuteNonQuery();
            }
            StateSchema.Execute(connection, "PRAGMA stage.journal_mode = OFF; PRAGMA stage.synchronous = OFF");
            StateSchema.Execute(connection, StateSchema.Stage);
            var state = new ProvisioningState(storage, connection, stagePath, found) { RehashedOnUpgrade = rehashed };
            if (storage is LocalStateStorage)
            {
                OpenFiles[storage.Location] = state;
            }
            return state;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 5 or 6)
        {
            connection.Dispose();
            storage.OnOpenFailed();
            throw new StateLockedException(
                $"The state '{storage.Location}' is open in another process: a run of this job holds it. Wait for that run to end, " +
                "or close the state there (Close-ProvisioningState).", ex);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 26 or 11)
        {
            connection.Dispose();
            storage.OnOpenFailed();
            throw new InvalidDataException($"'{storage.Location}' is not a provisioning state (not an SQLite database, or a damaged one): {ex.Message}", ex);
        }
        catch
        {
            connection.Dispose();
            DeleteDatabaseFiles(stagePath);
            storage.OnOpenFailed();
            throw;
        }
    }

    /// <summary>Begins a run; an earlier run of this state that never ended is marked interrupted.</summary>
    public SyncRun BeginRun(SyncRunOptions options)
    {
        EndCurrentRun();
        CurrentRun = new SyncRun(this, options);
        return CurrentRun;
    }

    /// <summary>A row of this run was rejected upstream (ConvertTo-ScimUser -State): this worker is never a leaver of the run.</summary>
    public void RecordRejected(string externalId)
    {
        using SqliteCommand command = Command("INSERT OR IGNORE INTO stage.rejected(external_id) VALUES ($id)");
        command.Parameters.AddWithValue("$id", externalId);
        command.ExecuteNonQuery();
    }

    /// <summary>Rows were rejected before their externalId was known (Import-HrCsv -State): the run withholds leavers.</summary>
    public void RecordRejectedWithoutId(long count = 1) => Interlocked.Add(ref _rejectedWithoutId, count);

    internal void ConsumeRejections()
    {
        _rejectedWithoutId = 0;
        using SqliteCommand command = Command("DELETE FROM stage.rejected");
        command.ExecuteNonQuery();
    }

    public StateTotals GetTotals()
    {
        using SqliteCommand command = Command("""
            SELECT COUNT(*), COALESCE(SUM(active), 0), COALESCE(SUM(outcome_status = 'failure'), 0), COALESCE(SUM(outcome_status = 'warning'), 0),
                   COALESCE(SUM(manager_unresolved), 0), MAX(accepted_at), COALESCE(SUM(outcome_status IS NULL), 0),
                   COALESCE(SUM(
            """ + LogRecorder.DisableNotAppliedSql + "), 0) FROM workers");
        using SqliteDataReader reader = command.ExecuteReader();
        reader.Read();
        var totals = new StateTotals
        {
            Location = Location,
            SchemaVersion = SchemaVersion,
            Workers = reader.GetInt64(0),
            Active = reader.GetInt64(1),
            Inactive = reader.GetInt64(0) - reader.GetInt64(1),
            FailedLastTime = reader.GetInt64(2),
            Warnings = reader.GetInt64(3),
            ManagerUnresolved = reader.GetInt64(4),
            LastAccepted = reader.IsDBNull(5) ? null : ParseTimestamp(reader.GetString(5)),
            AwaitingOutcome = reader.GetInt64(6),
            DisablesNotApplied = reader.GetInt64(7),
            Pending = Convert.ToInt64(Scalar("SELECT COUNT(*) FROM pending")),
            Runs = Convert.ToInt64(Scalar("SELECT COUNT(*) FROM runs")),
            LogsReadUntil = Meta("logs_read_until") is { } read ? ParseTimestamp(read) : null,
            SizeBytes = _storage.DatabasePath is { } path && File.Exists(path) ? new FileInfo(path).Length : 0,
        };
        using SqliteCommand scopes = Command("SELECT scope, COUNT(*) FROM workers GROUP BY scope ORDER BY scope");
        using SqliteDataReader scopeReader = scopes.ExecuteReader();
        var byScope = new Dictionary<string, long>(StringComparer.Ordinal);
        while (scopeReader.Read())
        {
            byScope[scopeReader.GetString(0)] = scopeReader.GetInt64(1);
        }
        totals.Scopes = byScope;
        totals.LastRun = RunRecords(1).FirstOrDefault();
        return totals;
    }

    /// <summary>The runs, newest first.</summary>
    public IReadOnlyList<RunRecord> RunRecords(int count = int.MaxValue)
    {
        using SqliteCommand command = Command("""
            SELECT id, scope, mode, status, started_at, ended_at, input, unchanged, new, changed, retried, manager_resolved, pending, leavers,
                   disables, rejected, requests_accepted, requests_failed, requests_unknown, workers_accepted
            FROM runs ORDER BY id DESC LIMIT $count
            """);
        command.Parameters.AddWithValue("$count", count);
        using SqliteDataReader r = command.ExecuteReader();
        var runs = new List<RunRecord>();
        while (r.Read())
        {
            runs.Add(new RunRecord(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), ParseTimestamp(r.GetString(4)),
                r.IsDBNull(5) ? null : ParseTimestamp(r.GetString(5)), r.GetInt64(6), r.GetInt64(7), r.GetInt64(8), r.GetInt64(9), r.GetInt64(10),
                r.GetInt64(11), r.GetInt64(12), r.GetInt64(13), r.GetInt64(14), r.GetInt64(15), r.GetInt64(16), r.GetInt64(17), r.GetInt64(18), r.GetInt64(19)));
        }
        return runs;
    }

    /// <summary>One worker's record, or null when the state has none.</summary>
    public WorkerRecord? GetWorker(string externalId)
    {
        using SqliteCommand command = Command("""
            SELECT w.scope, w.active, w.manager_id, w.manager_unresolved, w.source, w.accepted_at, w.accepted_run, w.accepted_request,
                   w.outcome_status, w.outcome_action, w.outcome_reason, w.outcome_at, w.hash, w.user_json, p.sent_at, p.run_id, p.request_index
            FROM workers w LEFT JOIN pending p ON p.external_id = w.external_id WHERE w.external_id = $id
            UNION ALL
            SELECT p.scope, p.active, p.manager_id, 0, p.source, NULL, NULL, NULL, NULL, NULL, NULL, NULL, p.hash, p.user_json, p.sent_at, p.run_id, p.request_index
            FROM pending p WHERE p.external_id = $id AND NOT EXISTS (SELECT 1 FROM workers w WHERE w.external_id = $id)
            """);
        command.Parameters.AddWithValue("$id", externalId);
        using SqliteDataReader r = command.ExecuteReader();
        if (!r.Read())
        {
            return null;
        }
        return new WorkerRecord
        {
            ExternalId = externalId,
            Scope = r.GetString(0),
            Active = r.GetInt64(1) != 0,
            ManagerId = r.IsDBNull(2) ? null : r.GetString(2),
            ManagerResolved = r.GetInt64(3) == 0,
            Source = r.IsDBNull(4) ? null : r.GetString(4),
            AcceptedAt = r.IsDBNull(5) ? null : ParseTimestamp(r.GetString(5)),
            AcceptedRun = r.IsDBNull(6) ? null : r.GetInt64(6),
            AcceptedRequest = r.IsDBNull(7) ? null : r.GetInt32(7),
            Outcome = r.IsDBNull(8) ? null : r.GetString(8),
            OutcomeAction = r.IsDBNull(9) ? null : r.GetString(9),
            OutcomeReason = r.IsDBNull(10) ? null : r.GetString(10),
            OutcomeAt = r.IsDBNull(11) ? null : ParseTimestamp(r.GetString(11)),
            Hash = Convert.ToHexString((byte[])r[12]).ToLowerInvariant(),
            Json = System.Text.Encoding.UTF8.GetString(UserJson.Decompress((byte[])r[13])),
            PendingSince = r.IsDBNull(14) ? null : ParseTimestamp(r.GetString(14)),
            PendingRun = r.IsDBNull(15) ? null : r.GetInt64(15),
            PendingRequest = r.IsDBNull(16) ? null : r.GetInt32(16),
        };
    }

    /// <summary>Forgets workers, so that the next run sends them as new; returns how many the state held.</summary>
    public int Forget(IEnumerable<string> externalIds)
    {
        int forgotten = 0;
        using SqliteTransaction transaction = Connection.BeginTransaction();
        Transaction = transaction;
        try
        {
            using SqliteCommand command = Command("DELETE FROM workers WHERE external_id = $id; DELETE FROM pending WHERE external_id = $id");
            SqliteParameter id = command.Parameters.Add("$id", SqliteType.Text);
            foreach (string externalId in externalIds)
            {
                id.Value = externalId;
                forgotten += command.ExecuteNonQuery() > 0 ? 1 : 0;
            }
            transaction.Commit();
        }
        finally
        {
            // A failed delete must not leave later commands on a disposed transaction.
            Transaction = null;
        }
        return forgotten;
    }

    /// <summary>Where the last read of the provisioning logs ended, for the next read to begin.</summary>
    public DateTimeOffset? LogsReadUntil => Meta("logs_read_until") is { } value ? ParseTimestamp(value) : null;

    /// <summary>The earliest time a log entry could matter: the first acceptance or request in doubt.</summary>
    public DateTimeOffset? FirstSend =>
        Scalar("SELECT MIN(t) FROM (SELECT MIN(accepted_at) t FROM workers UNION ALL SELECT MIN(sent_at) FROM pending)") is string first
            ? ParseTimestamp(first)
            : null;

    public LogRecorder BeginLogRead() => new(this);

    public void Close()
    {
        lock (Gate)
        {
            CloseLocked();
        }
    }

    private void CloseLocked()
    {
        if (_connection is null)
        {
            return;
        }
        EndCurrentRun();
        if (_storage.DatabasePath is not null)
        {
            StateSchema.Execute(_connection, "PRAGMA wal_checkpoint(TRUNCATE)");
        }
        _connection.Dispose();
        _connection = null;
        OpenFiles.TryRemove(new KeyValuePair<string, ProvisioningState>(Location, this));
        DeleteDatabaseFiles(_stagePath);
        _storage.OnClosed();
    }

    public void Dispose() => Close();

    public override string ToString() => Location;

    internal void EndCurrentRun()
    {
        if (CurrentRun is { } run)
        {
            CurrentRun = null;
            run.End();
        }
    }

    internal void NotifyRecorded(RecordedRequest request) => _storage.OnRequestRecorded(request);

    internal static void DeleteDatabaseFiles(string path)
    {
        foreach (string file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
            }
        }
    }

    internal string? Meta(string key)
    {
        using SqliteCommand command = Command("SELECT value FROM meta WHERE key = $key");
        command.Parameters.AddWithValue("$key", key);
        return command.ExecuteScalar() as string;
    }

    internal void Meta(string key, string value) => Meta(Connection, Transaction, key, value);

    private static void Meta(SqliteConnection connection, SqliteTransaction? transaction, string key, string value)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO meta(key, value) VALUES ($key, $value) ON CONFLICT(key) DO UPDATE SET value = excluded.value";
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$value", value);
        command.ExecuteNonQuery();
    }

    internal static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    internal static DateTimeOffset ParseTimestamp(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
