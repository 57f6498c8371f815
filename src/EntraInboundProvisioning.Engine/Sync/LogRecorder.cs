using Microsoft.Data.Sqlite;
using EntraInboundProvisioning.Engine.Logs;

namespace EntraInboundProvisioning.Engine.Sync;

/// <summary>
/// Stores what the provisioning logs say about each worker: the outcome of its last send (a failure sends it again next
/// run; ManagerNotFound sends it again once its manager is known), and settles requests that were never answered: an
/// entry after such a request means the service has it.
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
        using SqliteCommand outcome = _state.Command("""
            UPDATE workers SET outcome_status = $status, outcome_action = $action, outcome_reason = $reason, outcome_at = $at,
                manager_unresolved = CASE WHEN $code = 'ManagerNotFound' THEN 1 WHEN $status = 'success' THEN 0 ELSE manager_unresolved END
            WHERE external_id = $id AND accepted_at <= $notBefore AND (outcome_at IS NULL OR outcome_at <= $at)
            """);
        outcome.Parameters.AddWithValue("$id", id);
        outcome.Parameters.AddWithValue("$status", (object?)entry.Status ?? DBNull.Value);
        outcome.Parameters.AddWithValue("$action", (object?)entry.Action ?? DBNull.Value);
        outcome.Parameters.AddWithValue("$code", (object?)entry.ErrorCode ?? DBNull.Value);
        outcome.Parameters.AddWithValue("$reason", entry.ErrorCode is null && entry.Reason is null ? DBNull.Value : $"{entry.ErrorCode}: {entry.Reason}".Trim(' ', ':'));
        outcome.Parameters.AddWithValue("$at", ProvisioningState.Timestamp(at));
        outcome.Parameters.AddWithValue("$notBefore", notBefore);
        Recorded += outcome.ExecuteNonQuery();
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
