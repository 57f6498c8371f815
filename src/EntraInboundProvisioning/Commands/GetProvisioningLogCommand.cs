using System.Management.Automation;
using EntraInboundProvisioning.Connection;
using EntraInboundProvisioning.Engine.Logs;
using EntraInboundProvisioning.Engine.Provisioning;
using EntraInboundProvisioning.Engine.Sync;

namespace EntraInboundProvisioning.Commands;

/// <summary>
/// Reads the provisioning logs of a job; given Send-ScimBulkRequest results, the entries of exactly those workers
/// (matched by externalId, since the requests were sent), waiting for them with -Wait.
/// </summary>
[Cmdlet(VerbsCommon.Get, "ProvisioningLog", DefaultParameterSetName = QuerySet)]
[OutputType(typeof(ProvisioningLogEntry), typeof(ProvisioningLogSummary), typeof(ProvisioningCycleSummary))]
public sealed class GetProvisioningLogCommand : ProvisioningJobCmdlet
{
    private const string QuerySet = "Query";
    private const string ResultsSet = "Results";
    // The service writes a worker's entry after the upload, by its own clock; this much leeway covers a local clock
    // that is ahead, while an entry of an earlier upload of the same worker (minutes before) is still left out.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(5);

    private readonly HashSet<string> _externalIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _sentAt = new(StringComparer.Ordinal);
    private readonly ProvisioningLogCounter _counter = new();
    private DateTimeOffset? _firstSent;
    private ProvisioningTarget? _resultsTarget;
    private LogCorrelator? _correlator;
    private LogRecorder? _recorder;

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ResultsSet)]
    public BulkSendResult InputObject { get; set; } = null!;

    [Parameter]
    public DateTimeOffset? Since { get; set; }

    [Parameter(ParameterSetName = QuerySet)]
    public DateTimeOffset? Until { get; set; }

    private static readonly string[] Statuses = ["success", "failure", "skipped", "warning"];

    [Parameter]
    [ValidateSet("success", "failure", "skipped", "warning")]
    public string? Status { get; set; }

    /// <summary>Every v1.0 provisioningAction.</summary>
    [Parameter]
    [ValidateSet("create", "update", "delete", "stagedDelete", "disable", "other")]
    public string? Action { get; set; }

    [Parameter(ParameterSetName = QuerySet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? ExternalId { get; set; }

    [Parameter(ParameterSetName = QuerySet)]
    [ValidateNotNullOrEmpty]
    public string? CycleId { get; set; }

    /// <summary>The job's last cycles, newest first; with -Summary one statistics object per cycle, as CSV2SCIM's -GetPreviousCycleLogs.</summary>
    [Parameter(ParameterSetName = QuerySet)]
    [ValidateRange(1, 1000)]
    public int LastCycles { get; set; }

    /// <summary>Polls until every worker of the piped results has an entry, or -Timeout passes.</summary>
    [Parameter(ParameterSetName = ResultsSet)]
    public SwitchParameter Wait { get; set; }

    [Parameter(ParameterSetName = ResultsSet)]
    [SecondsTimeSpan]
    [ValidateTimeSpanRange(0, 86400)]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(15);

    [Parameter(ParameterSetName = ResultsSet)]
    [SecondsTimeSpan]
    [ValidateTimeSpanRange(0.1, 3600)]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Reads the entries since the state's last read and stores each worker's outcome in it.</summary>
    [Parameter(ParameterSetName = QuerySet)]
    [ValidateNotNull]
    public EntraInboundProvisioning.Engine.Sync.ProvisioningState? State { get; set; }

    /// <summary>Counts by action and status instead of the entries, as CSV2SCIM's cycle statistics.</summary>
    [Parameter]
    public SwitchParameter Summary { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == ResultsSet)
        {
            // An Unknown request's workers are looked for too: their entries say whether the service took it.
            if (InputObject.Status is SendStatus.Accepted or SendStatus.Unknown)
            {
                foreach (string id in InputObject.ExternalIds.Where(id => id.Length > 0))
                {
                    _externalIds.Add(id);
                    _sentAt[id] = InputObject.SentAt - ClockSkew;
                }
                _firstSent = _firstSent is { } first && first < InputObject.SentAt ? first : InputObject.SentAt;
                _resultsTarget ??= InputObject.Target;
            }
            return;
        }
        if (ExternalId is { Length: > 0 })
        {
            _externalIds.UnionWith(ExternalId);
            return;
        }
        Read(null, false);
    }

    protected override void EndProcessing()
    {
        if (_externalIds.Count > 0)
        {
            Read(_externalIds, ParameterSetName == ResultsSet && Wait);
        }
        if (Summary && LastCycles == 0)
        {
            WriteObject(_counter.Summaries(), enumerateCollection: true);
        }
    }

    private void Read(IReadOnlyCollection<string>? externalIds, bool wait)
    {
        ProvisioningConnection connection = TargetParameters.RequireConnection(this, "GetProvisioningLog");
        ProvisioningTarget target = ServicePrincipalId is null && JobId is null && Uri is null && _resultsTarget is not null
            ? _resultsTarget
            : JobId is not null && ServicePrincipalId is null
                ? new ProvisioningTarget("", JobId)
                : TargetParameters.Resolve(this, connection, ServicePrincipalId, JobId, Uri, "GetProvisioningLog", Await, CancelToken);
        DateTimeOffset readAt = DateTimeOffset.UtcNow;
        DateTimeOffset? stateSince = State is null ? null : (State.LogsReadUntil - LogRecorder.Overlap) ?? (State.FirstSend - ClockSkew);
        if (State is not null && Since is null && stateSince is null)
        {
            WriteVerbose($"Get-ProvisioningLog: the state '{State.Location}' has sent nothing yet; there are no entries to record.");
            return;
        }
        var query = new ProvisioningLogQuery
        {
            JobId = target.JobId,
            Since = Since ?? stateSince ?? (_firstSent - ClockSkew),
            Until = Until,
            // The service's filter is case-sensitive, while ValidateSet lets any case through. With -State every entry
            // since the state's mark is read and recorded; -Status and -Action then pick what is written.
            Status = State is null ? Canonical(Statuses, Status) : null,
            Action = State is null ? Canonical(ProvisioningCycleCounter.Actions, Action) : null,
            CycleId = CycleId,
        };
        var reader = new ProvisioningLogReader(connection);
        try
        {
            if (LastCycles > 0)
            {
                ReadCycles(reader, query);
                return;
            }
            if (externalIds is null)
            {
                _recorder = State?.BeginLogRead();
                Drain(reader.ReadAsync(query, CancelToken).GetAsyncEnumerator(CancelToken));
                if (_recorder is not null)
                {
                    _recorder.Complete(readAt);
                    WriteVerbose($"Get-ProvisioningLog: {_recorder.Recorded} outcomes recorded in '{State!.Location}', {_recorder.Settled} unanswered sends settled.");
                }
                return;
            }
            var correlator = _correlator = new LogCorrelator((q, token) => reader.ReadAsync(q, token));
            // Each worker's entry is waited for whatever its status; -Status then picks among them, so that waiting
            // for failures ends as soon as every worker has an entry, failed or not.
            Drain(correlator.FindAsync(externalIds, query with { Status = null }, wait, Timeout, PollInterval, CancelToken, _sentAt).GetAsyncEnumerator(CancelToken));
            if (correlator.Missing.Count > 0 && (wait || ParameterSetName == ResultsSet))
            {
                string sample = string.Join(", ", correlator.Missing.Take(10));
                WriteError(new ErrorRecord(new TimeoutException(
                    $"{correlator.Missing.Count} of {externalIds.Count} workers have no provisioning log entry yet ({sample}{(correlator.Missing.Count > 10 ? ", ..." : "")}). " +
                    "Logs appear 5 to 10 minutes after an upload: run again later, or use -Wait with a longer -Timeout."),
                    "GetProvisioningLogEntriesMissing", ErrorCategory.OperationTimeout, correlator.Missing.ToArray()));
            }
        }
        catch (GraphRequestException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "GetProvisioningLogRequestFailed",
                ex.StatusCode is 401 ? ErrorCategory.AuthenticationError : ex.StatusCode is 403 ? ErrorCategory.PermissionDenied : ErrorCategory.InvalidOperation, query.ToFilter()));
        }
        catch (OperationCanceledException ex)
        {
            ThrowCancelled(ex, "GetProvisioningLogTimedOut", query.ToFilter());
        }
        finally
        {
            _recorder?.Dispose();
            _recorder = null;
        }
    }

    protected override void OnWaiting()
    {
        if (_correlator?.Waiting is { } waiting)
        {
            DateTimeOffset now = DateTimeOffset.UtcNow;
            int left = (int)Math.Max(0, Math.Ceiling((waiting.Deadline - now).TotalSeconds));
            int found = _externalIds.Count - _correlator.Missing.Count;
            WriteProgress(new ProgressRecord(2, "Get-ProvisioningLog", $"{found} of {_externalIds.Count} workers have entries; waiting for the rest (logs appear 5 to 10 minutes after an upload)")
            {
                SecondsRemaining = left,
                PercentComplete = _externalIds.Count == 0 ? -1 : Math.Min(100, 100 * found / _externalIds.Count),
                CurrentOperation = $"next poll in {Math.Max(0, Math.Ceiling((waiting.NextPoll - now).TotalSeconds))} s; gives up in {left} s",
            });
        }
    }

    private void ReadCycles(ProvisioningLogReader reader, ProvisioningLogQuery query)
    {
        var progress = new ProgressRecord(2, "Get-ProvisioningLog", $"Finding the last {LastCycles} cycles of job {query.JobId}");
        WriteProgress(progress);
        List<string> cycles = Await(ProvisioningCycleFinder.LastCycleIdsAsync(reader.ReadAsync, query with { Status = null, Action = null, PageSize = 50 },
            LastCycles, CancelToken));
        if (cycles.Count < LastCycles)
        {
            WriteWarning($"Job {query.JobId} has {cycles.Count} cycles in the logs{(query.Since is null ? "" : " in that time")}, not {LastCycles}.");
        }
        progress.RecordType = ProgressRecordType.Completed;
        WriteProgress(progress);
        IAsyncEnumerator<ProvisioningLogEntry> entries = ProvisioningCycleFinder.EntriesAsync(reader.ReadAsync, query, cycles, CancelToken).GetAsyncEnumerator(CancelToken);
        if (!Summary)
        {
            Drain(entries);
            return;
        }
        var counters = cycles.ToDictionary(cycle => cycle, cycle => new ProvisioningCycleCounter(cycle));
        Drain(entries, entry => counters[entry.CycleId!].Add(entry));
        WriteObject(cycles.Select(cycle => counters[cycle].Summary()), enumerateCollection: true);
    }

    private static string? Canonical(IEnumerable<string> values, string? value) =>
        value is null ? null : values.First(v => string.Equals(v, value, StringComparison.OrdinalIgnoreCase));

    /// <param name="count">Takes each entry instead of the -Summary counter or the output.</param>
    private void Drain(IAsyncEnumerator<ProvisioningLogEntry> entries, Action<ProvisioningLogEntry>? count = null)
    {
        var progress = new ProgressRecord(2, "Get-ProvisioningLog", "Reading provisioning logs");
        var found = new HashSet<string>(StringComparer.Ordinal);
        int read = 0;
        try
        {
            while (Await(entries.MoveNextAsync().AsTask()))
            {
                ProvisioningLogEntry entry = entries.Current;
                if (++read % 500 == 0 || (_externalIds.Count > 0 && entry.ExternalId is { } id && found.Add(id) && found.Count % 100 == 0))
                {
                    progress.StatusDescription = _externalIds.Count > 0
                        ? $"{found.Count} of {_externalIds.Count} workers have entries ({read} entries)"
                        : $"{read} entries";
                    progress.PercentComplete = _externalIds.Count > 0 ? Math.Min(100, 100 * found.Count / _externalIds.Count) : -1;
                    WriteProgress(progress);
                }
                _recorder?.Record(entry);
                if ((Status is not null && !string.Equals(entry.Status, Status, StringComparison.OrdinalIgnoreCase))
                    || (Action is not null && !string.Equals(entry.Action, Action, StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }
                if (count is not null)
                {
                    count(entry);
                }
                else if (Summary)
                {
                    _counter.Add(entry);
                }
                else
                {
                    WriteObject(entry);
                }
            }
        }
        finally
        {
            Await(entries.DisposeAsync().AsTask());
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
        }
    }
}
