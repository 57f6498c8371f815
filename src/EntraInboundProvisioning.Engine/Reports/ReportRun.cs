namespace EntraInboundProvisioning.Engine.Reports;

/// <summary>One run's figures in a report: what the run found, what its requests became, and the calls they spent.</summary>
public sealed record ReportRun
{
    public long Id { get; init; }

    public string Scope { get; init; } = "";

    public string Mode { get; init; } = "";

    public string Status { get; init; } = "";

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>From the start to the last recorded request (or the end of the run).</summary>
    public TimeSpan? Duration => EndedAt is { } end ? end - StartedAt : null;

    public long Input { get; init; }

    public long New { get; init; }

    public long Changed { get; init; }

    public long Unchanged { get; init; }

    /// <summary>Unchanged workers sent again: a failure in the logs, an unanswered request, or -Full.</summary>
    public long Retried { get; init; }

    public long ManagerResolved { get; init; }

    /// <summary>Workers absent from the export that the state held as active.</summary>
    public long Leavers { get; init; }

    /// <summary>Disables the run sent: leavers and workers whose active turned false.</summary>
    public long Disables { get; init; }

    public long Rejected { get; init; }

    public long RequestsAccepted { get; init; }

    public long RequestsFailed { get; init; }

    public long RequestsUnknown { get; init; }

    /// <summary>Workers in the requests the run recorded (accepted, failed or unanswered).</summary>
    public long WorkersSent { get; init; }

    public long WorkersAccepted { get; init; }

    /// <summary>Workers the run staged that no recorded request holds: a stop (quota, unreachable host) left them unsent.</summary>
    public long WorkersNotSent { get; init; }

    /// <summary>Workers of refused requests, and workers of this run whose latest log entry is a failure.</summary>
    public long Failures { get; init; }

    /// <summary>Calls to bulkUpload the run's recorded requests made (retries of refused connections and 429s are not recorded).</summary>
    public long Calls { get; init; }
}
