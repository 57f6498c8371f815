namespace EntraInboundProvisioning.Engine.Reports;

/// <summary>
/// Failures that share one reason. Kind "log": workers whose latest log entry is a failure, by error code, with example workers and their messages.
/// Kind "request": requests of the last run the service refused (the state keeps their worker count, not their workers).
/// </summary>
public sealed record FailureGroup(string Kind, string Reason, long Workers, IReadOnlyList<long> Requests, IReadOnlyList<ReportWorker> Examples);
