using Microsoft.Data.Sqlite;
using EntraInboundProvisioning.Engine.Logs;

namespace EntraInboundProvisioning.Engine.Sync;

/// <summary>
/// Stores what the provisioning logs say about each worker: the outcome of its last send (a failure sends it again next
/// run; ManagerNotFound sends it again once its manager is known; a disable the service held or failed makes the worker
/// active again in the state, so that the next run disables it again), and settles requests that were never answered:
/// an entry after such a request means the service has it.
/// </summary>
public sealed class LogRecorder : IDisposable
{
    // The service stamps an entry by its own clock; this much leeway covers a local clock that is ahead.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(5);

    private readonly ProvisioningState _state;
    private readonly SqliteTransaction _transaction;
    private DateTimeOffset? _until;

    internal LogRecorder(ProvisioningState state)
    {
        _state = state;
        _transaction = state.Connection.BeginTransaction();
        state.Transaction = _transaction;
    }

    /// <summary>How far back a read must look: entries appear minutes after the time they carry, so reads overlap.</summary>
    public static TimeSpan Overlap { get; } = TimeSpan.FromMinutes(15);

    public int Recorded { get; private set; }

    public int Settled { get; private set; }

    public void Record(ProvisioningLogEntry entry)
    {
        if (entry.ExternalId is not { Length: > 0 } id || entry.ActivityDateTime is not { } at)
        {
            return;
        }
        if (_until is null || at > _until)
        {
            _until = at;
        }
        string notBefore = ProvisioningState.Timestamp(at + ClockSkew);
        using (SqliteCommand settle = _state.Command("""
            INSERT INTO workers(external_id, scope, hash, user_json, active, manager_id, source, accepted_at, accepted_run, accepted_request)
            SELECT external_id, scope, hash, user_json, active, manager_id, source, sent_at, run_id, request_index FROM pending
            WHERE external_id = $id AND sent_at <= $notBefore
            ON CONFLICT(external_id) DO UPDATE SET scope = excluded.scope, hash = excluded.hash, user_json = excluded.user_json,
                active = excluded.active, manager_id = excluded.manager_id, source = COALESCE(excluded.source, workers.source),
                accepted_at = excluded.accepted_at, accepted_run = excluded.accepted_run, accepted_request = excluded.accepted_request
            """))
        {
            settle.Parameters.AddWithValue("$id", id);
            settle.Parameters.AddWithValue("$notBefore", notBefore);
            if (settle.ExecuteNonQuery() > 0)
            {
                using SqliteCommand delete = _state.Command("DELETE FROM pending WHERE external_id = $id");
                delete.Parameters.AddWithValue("$id", id);
                delete.ExecuteNonQuery();
                Settled++;
            }
        }
        if (DisableNotApplied(entry) is { } heldActive)
        {
            SetActiveAsEntraHolds(id, heldActive, at, notBefore);
        }
        using SqliteCommand outcome = _state.Command("""
            UPDATE workers SET outcome_status = $status, outcome_action = $action, outcome_reason = $reason, outcome_at = $at,
                manager_unresolved = $managerNotFound
            WHERE external_id = $id AND accepted_at <= $notBefore AND (outcome_at IS NULL OR outcome_at <= $at)
            """);
        outcome.Parameters.AddWithValue("$id", id);
        outcome.Parameters.AddWithValue("$status", (object?)entry.Status ?? DBNull.Value);
        outcome.Parameters.AddWithValue("$action", (object?)entry.Action ?? DBNull.Value);
        outcome.Parameters.AddWithValue("$managerNotFound", SaysManagerNotFound(entry));
        outcome.Parameters.AddWithValue("$reason", entry.ErrorCode is null && entry.Reason is null ? DBNull.Value : $"{entry.ErrorCode}: {entry.Reason}".Trim(' ', ':'));
        outcome.Parameters.AddWithValue("$at", ProvisioningState.Timestamp(at));
        outcome.Parameters.AddWithValue("$notBefore", notBefore);
        Recorded += outcome.ExecuteNonQuery();
    }

    /// <summary>
    /// Workers whose last logged outcome is a disable the service did not apply: held by the accidental-deletion threshold
    /// (stagedDelete), or failed. The state holds them as active again, so that the next run sends the disable again.
    /// </summary>
    internal const string DisableNotAppliedSql =
        "(outcome_action = 'stagedDelete' OR (outcome_action IN ('disable', 'delete') AND outcome_status IN ('failure', 'skipped')))";

    /// <summary>
    /// The entry says the manager was not set: the local endpoint and the service name it by the error code
    /// ManagerNotFound, and where an entry carries several problems, in the reason.
    /// </summary>
    internal static bool SaysManagerNotFound(ProvisioningLogEntry entry) =>
        string.Equals(entry.ErrorCode, "ManagerNotFound", StringComparison.OrdinalIgnoreCase)
        || entry.Reason?.Contains("ManagerNotFound", StringComparison.OrdinalIgnoreCase) == true
        || entry.Reason is { } reason && reason.Contains("manager", StringComparison.OrdinalIgnoreCase) && reason.Contains("not found", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// For an entry of a disable that was not applied, whether the worker stays active in Entra (true); for a disable
    /// applied, false; null when the entry is not about a disable. The worker's record follows what Entra holds.
    /// </summary>
    private static bool? DisableNotApplied(ProvisioningLogEntry entry) => entry.Action switch
    {
        "stagedDelete" => true,
        "disable" or "delete" => entry.Status is "failure" or "skipped" ? true : entry.Status is "success" or "warning" ? false : null,
        _ => null,
    };

    // Rewrites the record as Entra holds the worker, active or not, so that the run's usual rules send what is still
    // owed: an absent worker held as active is a leaver again; one still in the export with active false has changed.
    private void SetActiveAsEntraHolds(string id, bool active, DateTimeOffset at, string notBefore)
    {
        byte[] json;
        using (SqliteCommand read = _state.Command("""
            SELECT user_json FROM workers
            WHERE external_id = $id AND active = $wasActive AND accepted_at <= $notBefore AND (outcome_at IS NULL OR outcome_at <= $at)
            """))
        {
            read.Parameters.AddWithValue("$id", id);
            read.Parameters.AddWithValue("$wasActive", !active);
            read.Parameters.AddWithValue("$notBefore", notBefore);
            read.Parameters.AddWithValue("$at", ProvisioningState.Timestamp(at));
            if (read.ExecuteScalar() is not byte[] stored)
            {
                return;
            }
            json = UserJson.WithActive(UserJson.Decompress(stored), active);
        }
        using SqliteCommand update = _state.Command("UPDATE workers SET active = $active, user_json = $json, hash = $hash WHERE external_id = $id");
        update.Parameters.AddWithValue("$id", id);
        update.Parameters.AddWithValue("$active", active);
        update.Parameters.AddWithValue("$json", UserJson.Compress(json));
        update.Parameters.AddWithValue("$hash", CanonicalUser.Hash(json));
        update.ExecuteNonQuery();
    }

    /// <summary>Commits what was recorded and where the read ended (at most <paramref name="readAt"/>).</summary>
    public void Complete(DateTimeOffset readAt)
    {
        DateTimeOffset until = _until is { } last && last < readAt ? last : readAt;
        if (_state.LogsReadUntil is not { } earlier || earlier < until)
        {
            _state.Meta("logs_read_until", ProvisioningState.Timestamp(until));
        }
        _transaction.Commit();
        _state.Transaction = null;
    }

    public void Dispose()
    {
        _transaction.Dispose();
        _state.Transaction = null;
    }
}
