namespace EntraInboundProvisioning.Engine.Sync;

/// <summary>One run as the state keeps it, for reports.</summary>
public sealed record RunRecord(
    long Id,
    string Scope,
    string Mode,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    long Input,
    long Unchanged,
    long New,
    long Changed,
    long Retried,
    long ManagerResolved,
    long Pending,
    long Leavers,
    long Disables,
    long Rejected,
    long RequestsAccepted,
    long RequestsFailed,
    long RequestsUnknown,
    long WorkersAccepted);
