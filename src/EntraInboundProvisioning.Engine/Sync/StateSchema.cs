using Microsoft.Data.Sqlite;

namespace EntraInboundProvisioning.Engine.Sync;

/// <summary>
/// The state file's tables, versioned by SQLite's user_version: each release upgrades an older file step by step
/// and refuses a newer one. A run's staged users live apart, in a scratch database attached as "stage", so that the
/// state file holds only what lasts (and stays small to copy) and a preview writes nothing to it.
/// </summary>
internal static class StateSchema
{
    private static readonly Func<SqliteConnection, SqliteTransaction, long>[] Upgrades =
    [
        // 1: workers as last accepted, requests in doubt, runs and their requests.
        Sql("""
        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
        CREATE TABLE workers(
            external_id TEXT PRIMARY KEY,
            scope TEXT NOT NULL,
            hash BLOB NOT NULL,
            user_json BLOB NOT NULL,
            active INTEGER NOT NULL,
            manager_id TEXT,
            manager_unresolved INTEGER NOT NULL DEFAULT 0,
            source TEXT,
            accepted_at TEXT NOT NULL,
            accepted_run INTEGER NOT NULL,
            accepted_request INTEGER NOT NULL,
            outcome_status TEXT,
            outcome_action TEXT,
            outcome_reason TEXT,
            outcome_at TEXT);
        CREATE INDEX workers_scope_active ON workers(scope, active);
        CREATE TABLE pending(
            external_id TEXT PRIMARY KEY,
            scope TEXT NOT NULL,
            hash BLOB NOT NULL,
            user_json BLOB NOT NULL,
            active INTEGER NOT NULL,
            manager_id TEXT,
            source TEXT,
            run_id INTEGER NOT NULL,
            request_index INTEGER NOT NULL,
            sent_at TEXT NOT NULL);
        CREATE TABLE runs(
            id INTEGER PRIMARY KEY,
            scope TEXT NOT NULL,
            mode TEXT NOT NULL,
            status TEXT NOT NULL,
            started_at TEXT NOT NULL,
            ended_at TEXT,
            input INTEGER NOT NULL DEFAULT 0,
            unchanged INTEGER NOT NULL DEFAULT 0,
            new INTEGER NOT NULL DEFAULT 0,
            changed INTEGER NOT NULL DEFAULT 0,
            retried INTEGER NOT NULL DEFAULT 0,
            manager_resolved INTEGER NOT NULL DEFAULT 0,
            pending INTEGER NOT NULL DEFAULT 0,
            leavers INTEGER NOT NULL DEFAULT 0,
            disables INTEGER NOT NULL DEFAULT 0,
            rejected INTEGER NOT NULL DEFAULT 0,
            requests_accepted INTEGER NOT NULL DEFAULT 0,
            requests_failed INTEGER NOT NULL DEFAULT 0,
            requests_unknown INTEGER NOT NULL DEFAULT 0,
            workers_accepted INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE requests(
            run_id INTEGER NOT NULL,
            request_index INTEGER NOT NULL,
            status TEXT NOT NULL,
            status_code INTEGER NOT NULL,
            workers INTEGER NOT NULL,
            request_id TEXT,
            location TEXT,
            sent_at TEXT NOT NULL,
            error TEXT,
            PRIMARY KEY(run_id, request_index)) WITHOUT ROWID;
        """),
        // 2: numbers and strings that spell a boolean are tagged in the hash (CanonicalUser); without this step every
        // worker holding one would look changed and be sent again.
        Rehash,
    ];

    public static int Version => Upgrades.Length;

    public const string Stage = """
        CREATE TABLE IF NOT EXISTS stage.seen(external_id TEXT PRIMARY KEY) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS stage.rejected(external_id TEXT PRIMARY KEY) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS stage.users(
            seq INTEGER PRIMARY KEY,
            external_id TEXT NOT NULL UNIQUE,
            kind INTEGER NOT NULL,
            hash BLOB NOT NULL,
            user_json BLOB NOT NULL,
            active INTEGER NOT NULL,
            manager_id TEXT,
            source_file TEXT,
            line INTEGER NOT NULL,
            disable INTEGER NOT NULL,
            depth INTEGER);
        CREATE TABLE IF NOT EXISTS stage.emit(ord INTEGER PRIMARY KEY, seq INTEGER NOT NULL);
        """;

    public static int VersionOf(SqliteConnection connection, SqliteTransaction? transaction = null) =>
        Convert.ToInt32(Scalar(connection, "PRAGMA user_version", transaction));

    /// <summary>
    /// Brings the file to this release's version inside the caller's transaction; returns the version it had, and in
    /// <paramref name="rehashed"/> how many stored hashes an upgrade step recomputed (and changed).
    /// </summary>
    public static int Upgrade(SqliteConnection connection, SqliteTransaction transaction, string location, out long rehashed)
    {
        rehashed = 0;
        int found = VersionOf(connection, transaction);
        if (found > Version)
        {
            throw new StateVersionException(
                $"The state '{location}' has schema version {found}, written by a newer release; this release reads up to version {Version}. " +
                "Update the EntraInboundProvisioning module to open it.");
        }
        for (int version = found; version < Version; version++)
        {
            rehashed += Upgrades[version](connection, transaction);
            Execute(connection, $"PRAGMA user_version = {version + 1}", transaction);
        }
        return found;
    }

    private static Func<SqliteConnection, SqliteTransaction, long> Sql(string sql) => (connection, transaction) =>
    {
        Execute(connection, sql, transaction);
        return 0;
    };

    /// <summary>The version from which stored hashes follow this release's rule (numbers and boolean-like strings tagged).</summary>
    public const int TaggedHashVersion = 2;

    /// <summary>Recomputes the hash of every stored worker (and pending one) from its stored JSON; returns how many changed.</summary>
    public static long Rehash(SqliteConnection connection, SqliteTransaction transaction)
    {
        long changed = 0;
        foreach (string table in new[] { "workers", "pending" })
        {
            var updates = new List<(string ExternalId, byte[] Hash)>();
            using (SqliteCommand read = connection.CreateCommand())
            {
                read.Transaction = transaction;
                read.CommandText = $"SELECT external_id, hash, user_json FROM {table}";
                using SqliteDataReader reader = read.ExecuteReader();
                while (reader.Read())
                {
                    byte[] hash = CanonicalUser.Hash(UserJson.Decompress((byte[])reader[2]));
                    if (!hash.AsSpan().SequenceEqual((byte[])reader[1]))
                    {
                        updates.Add((reader.GetString(0), hash));
                    }
                }
            }
            using SqliteCommand update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = $"UPDATE {table} SET hash = $hash WHERE external_id = $id";
            SqliteParameter id = update.Parameters.Add("$id", SqliteType.Text);
            SqliteParameter hashValue = update.Parameters.Add("$hash", SqliteType.Blob);
            foreach ((string externalId, byte[] hash) in updates)
            {
                id.Value = externalId;
                hashValue.Value = hash;
                update.ExecuteNonQuery();
            }
            changed += updates.Count;
        }
        return changed;
    }

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static object? Scalar(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
