using System.Diagnostics;
using System.Management.Automation;
using EntraInboundProvisioning.Connection;
using EntraInboundProvisioning.Engine.Batching;
using EntraInboundProvisioning.Engine.Provisioning;

namespace EntraInboundProvisioning.Commands;

/// <summary>
/// POSTs bulk requests to the provisioning job's bulkUpload endpoint, several at once under one pacer, waiting out
/// throttling and a full bucket, and writing one result per request, in input order, whatever stops the run.
/// </summary>
[Cmdlet(VerbsCommunications.Send, "ScimBulkRequest", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = RequestSet)]
[OutputType(typeof(BulkSendResult))]
public sealed class SendScimBulkRequestCommand : ProvisioningJobCmdlet
{
    private const string RequestSet = "Request";
    private const string PathSet = "Path";

    private BulkSender _sender = null!;
    private InFlightSends _inFlight = null!;
    private ProvisioningTarget _target = null!;
    private readonly Stopwatch _clock = new();
    private int _done;
    private int _records;
    private int _failed;
    private int _unknown;
    private int _notSent;
    private int _refused;
    private int _fileIndex;
    private int _started;
    private int _overMaxRequests;
    private int _overMaxWorkers;
    private bool _warnedNoRun;

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = RequestSet)]
    public ScimBulkRequest InputObject { get; set; } = null!;

    /// <summary>Bulk request files saved by New-ScimBulkRequest -OutFolder.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = PathSet)]
    [Alias("PSPath", "FullName")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = [];

    /// <summary>Calls per 5 seconds; 40 is the conservative reading of the service's limit. 0 turns pacing off.</summary>
    [Parameter]
    [ValidateRange(0, 1000)]
    public int MaxCallsPer5Seconds { get; set; } = 40;

    /// <summary>Requests in flight at once, all under the one pacer.</summary>
    [Parameter]
    [ValidateRange(1, 40)]
    public int ThrottleLimit { get; set; } = 8;

    /// <summary>Seconds one call may go without an answer; past it the request's outcome is Unknown.</summary>
    [Parameter]
    [ValidateRange(1, 100)]
    public int TimeoutSec { get; set; } = 100;

    /// <summary>The longest Retry-After that is waited for; a longer one stops the run.</summary>
    [Parameter]
    [SecondsTimeSpan]
    [ValidateTimeSpanRange(0, 86400)]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(3);

    [Parameter]
    [SecondsTimeSpan]
    [ValidateTimeSpanRange(0, 86400)]
    public TimeSpan BucketFullPause { get; set; } = TimeSpan.FromMinutes(5);

    [Parameter]
    [ValidateRange(0, 100)]
    public int BucketFullRetries { get; set; } = 3;

    /// <summary>Retries of a connection that could not be made (nothing was sent).</summary>
    [Parameter]
    [ValidateRange(0, 10)]
    public int RetryCount { get; set; } = 3;

    /// <summary>The first wait before such a retry; it doubles each time.</summary>
    [Parameter]
    [SecondsTimeSpan]
    [ValidateTimeSpanRange(0, 3600)]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Records each request's outcome in the state of a recurring sync as it arrives.</summary>
    [Parameter]
    [ValidateNotNull]
    public EntraInboundProvisioning.Engine.Sync.ProvisioningState? State { get; set; }

    /// <summary>Sends at most this many requests; the rest are left for the next run.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int? MaxRequests { get; set; }

    protected override void BeginProcessing()
    {
        if (State is not null)
        {
            StateAccess.RequireOpen(this, State, "SendScimBulkRequest");
        }
        ProvisioningConnection connection = TargetParameters.RequireConnection(this, "SendScimBulkRequest");
        _target = TargetParameters.Resolve(this, connection, ServicePrincipalId, JobId, Uri, "SendScimBulkRequest", Await, CancelToken);
        HoldingJobWarning.Check(this, connection, _target, Await, CancelToken);
        var policy = new SendPolicy
        {
            MaxCallsPerWindow = MaxCallsPer5Seconds,
            ThrottleLimit = ThrottleLimit,
            Timeout = TimeSpan.FromSeconds(TimeoutSec),
            MaxRetryAfter = MaxRetryAfter,
            BucketFullPause = BucketFullPause,
            BucketFullPauses = BucketFullRetries,
            TransientRetries = RetryCount,
            TransientDelay = RetryDelay,
        };
        _sender = new BulkSender(new GraphBulkUploadTransport(connection), policy, log: Post, warn: PostWarning);
        _inFlight = new InFlightSends(_sender, _target, ThrottleLimit, CancelToken, RecordInState, RecordSendingInState);
        _clock.Start();
    }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == RequestSet)
        {
            Send(InputObject);
            return;
        }
        foreach (string path in LiteralPath)
        {
            string file = GetUnresolvedProviderPathFromPSPath(path);
            ScimBulkRequest request;
            try
            {
                request = BulkRequestFile.Read(file, ++_fileIndex);
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                WriteError(new ErrorRecord(ex, "SendScimBulkRequestUnreadableFile", ErrorCategory.ReadError, file));
                continue;
            }
            Send(request);
        }
    }

    protected override void EndProcessing()
    {
        while (_inFlight.Count > 0)
        {
            WriteResult(Take(_inFlight.TakeOldest()));
        }
        if (_overMaxRequests > 0)
        {
            WriteWarning($"-MaxRequests {MaxRequests}: {_overMaxRequests} requests ({_overMaxWorkers} workers) were not sent. " +
                (State is not null ? "The next run with the same state sends them." : "Send them later, or use -State so that the next run sends only them."));
        }
        WriteProgress(new ProgressRecord(1, "Send-ScimBulkRequest", "Done") { RecordType = ProgressRecordType.Completed });
        State?.CurrentRun?.MarkSent();
        WriteVerbose($"Send-ScimBulkRequest: {_sender.RequestsAccepted} requests ({_sender.RecordsAccepted} records) accepted, {_failed} failed, " +
            $"{_unknown} unknown, {_notSent} not sent, in {_clock.Elapsed:hh\\:mm\\:ss}.");
        if (_sender.Stop is { } stop)
        {
            ReportStop(stop);
        }
    }

    protected override void OnWaiting()
    {
        // BeginProcessing waits (for the job check) before there is a sender.
        if (_inFlight is null || _sender is null)
        {
            return;
        }
        string sent = $"{_done} requests ({_records} records) done, {_inFlight.Count} in flight";
        if (_sender.WaitingUntil is { } until)
        {
            var seconds = (int)Math.Max(0, Math.Ceiling((until - DateTimeOffset.UtcNow).TotalSeconds));
            WriteProgress(new ProgressRecord(1, "Send-ScimBulkRequest", $"{sent}; waiting as the service asked")
            {
                SecondsRemaining = seconds,
                CurrentOperation = $"{seconds} s left in this wait",
            });
        }
    }

    private void Send(ScimBulkRequest request)
    {
        if (MaxRequests is { } max && _started >= max)
        {
            _overMaxRequests++;
            _overMaxWorkers += request.Count;
            return;
        }
        if (!ShouldProcess($"job {_target.JobId}", $"Send bulk request {request.Index} ({request.Count} workers)"))
        {
            return;
        }
        while (!_inFlight.CanStart(request))
        {
            WriteResult(Take(_inFlight.TakeOldest()));
        }
        double perRequest = _done == 0 ? 0 : _clock.Elapsed.TotalSeconds / _done;
        WriteProgress(new ProgressRecord(1, "Send-ScimBulkRequest", $"{_done} requests ({_records} records) done, {_inFlight.Count} in flight; sending request {request.Index}")
        {
            CurrentOperation = $"{request.Count} workers, {request.ExternalIds.FirstOrDefault()} .. {request.ExternalIds.LastOrDefault()}" +
                (perRequest > 0 ? $"; {perRequest:0.00} s per request" : ""),
        });
        _inFlight.Start(request);
        _started++;
        while (TryTakeCompleted(out BulkSendResult? result))
        {
            WriteResult(result!);
        }
    }

    private BulkSendResult Take(Task<BulkSendResult> send)
    {
        try
        {
            return Await(send);
        }
        catch (OperationCanceledException ex)
        {
            ThrowCancelled(ex, "SendScimBulkRequestCancelled", null);
            return null!;
        }
    }

    private bool TryTakeCompleted(out BulkSendResult? result)
    {
        try
        {
            return _inFlight.TryTakeCompleted(out result);
        }
        catch (OperationCanceledException ex)
        {
            ThrowCancelled(ex, "SendScimBulkRequestCancelled", null);
            result = null;
            return false;
        }
    }

    private void WriteResult(BulkSendResult result)
    {
        _done++;
        _records += result.Count;
        WarnIfNotRecorded();
        WriteObject(result);
        switch (result.Status)
        {
            case SendStatus.Failed:
                _failed++;
                if (result.StatusCode is 401 or 403 or 404)
                {
                    _refused++;
                }
                else
                {
                    ReportFailure(result);
                }
                break;
            case SendStatus.Unknown:
                _unknown++;
                ReportUnknown(result);
                break;
            case SendStatus.NotSent:
                _notSent++;
                break;
        }
    }

    // Called as each answer arrives, on the thread that received it: a kill then loses no 202 that came.
    private void RecordInState(BulkSendResult result) => State?.CurrentRun?.RecordResult(result);

    private void RecordSendingInState(ScimBulkRequest request) => State?.CurrentRun?.RecordSending(request);

    private void WarnIfNotRecorded()
    {
        if (State is not null && State.CurrentRun is null && !_warnedNoRun)
        {
            _warnedNoRun = true;
            WriteWarning($"The requests did not come from New-ScimBulkRequest -State with the state '{State.Location}', so their outcome is not recorded in it.");
        }
    }

    private static string Describe(BulkSendResult result)
    {
        string[] sources = result.Request!.Sources.Where(source => source is not null).Distinct().Select(source => source!).ToArray();
        string from = sources.Length switch
        {
            0 => string.Empty,
            1 => $", from {sources[0]}",
            _ => $", from {sources[0]} .. {sources[^1]}",
        };
        return $"Bulk request {result.Index} ({result.Count} workers, {result.ExternalIds.FirstOrDefault()} .. {result.ExternalIds.LastOrDefault()}{from})";
    }

    private void ReportFailure(BulkSendResult result)
    {
        string message = $"{Describe(result)} was not accepted: HTTP {result.StatusCode} {result.ErrorCode}: {result.ErrorMessage}";
        (string id, ErrorCategory category, string advice) = result.StatusCode == 400
            ? ("SendScimBulkRequestBadRequest", ErrorCategory.InvalidData, " Correct the payload; send the request again with $error[0].TargetObject | Send-ScimBulkRequest.")
            : ("SendScimBulkRequestFailed", ErrorCategory.InvalidResult, " Send it again later with $error[0].TargetObject | Send-ScimBulkRequest.");
        WriteError(new ErrorRecord(new InvalidOperationException(message + advice), id, category, result.Request));
    }

    private void ReportUnknown(BulkSendResult result)
    {
        string answer = result.StatusCode == 0 ? result.ErrorMessage ?? "no answer" : $"HTTP {result.StatusCode} {result.ErrorCode}: {result.ErrorMessage}";
        string message = $"{Describe(result)} was sent, but its answer did not come back ({answer}); the service may have accepted it. " +
            $"It was not sent again, since each repeat spends quota (client-request-id {result.ClientRequestId}). In 5 to 10 minutes, check its workers' " +
            "logs with $error[0].TargetObject.ExternalIds | ForEach-Object { Get-ProvisioningLog -ExternalId $_ }, and send again only those without an entry.";
        WriteError(new ErrorRecord(new TimeoutException(message), "SendScimBulkRequestOutcomeUnknown", ErrorCategory.OperationTimeout, result.Request));
    }

    private void ReportStop(SendStop stop)
    {
        string accepted = $"{_sender.RequestsAccepted} requests ({_sender.RecordsAccepted} records) were accepted before it";
        // Requests in flight when a 401/403/404 came are refused the same way: counted with the stop, and sent again
        // with the ones not sent.
        string refused = _refused == 0 ? string.Empty : $"{_refused} requests were refused (Status Failed, StatusCode 401/403/404); ";
        string rest = refused + (_notSent == 0 ? "no other request was left" : $"{_notSent} requests were not sent (Status NotSent in the results)");
        string filter = _refused == 0 ? "Where-Object Status -eq NotSent" : "Where-Object { $_.Status -eq 'NotSent' -or $_.StatusCode -in 401, 403, 404 }";
        string resend = _notSent + _refused == 0 ? string.Empty : State is not null
            ? " Run the same pipeline again later: the state sends only what was not accepted (sending the results' requests by hand would send them twice)."
            : $" Send them later with $results | {filter} | ForEach-Object Request | Send-ScimBulkRequest.";
        (string id, ErrorCategory category, string message) = stop.Kind switch
        {
            SendStopKind.QuotaExhausted => ("SendScimBulkRequestQuotaExhausted", ErrorCategory.LimitsExceeded,
                $"The tenant's daily quota of bulkUpload calls is spent ({stop.Message}). {accepted}; {rest}." +
                (stop.RetryAfter is { } renew ? $" It renews in about {renew:hh\\:mm} (hours:minutes)." : string.Empty) + resend),
            SendStopKind.RetryAfterTooLong => ("SendScimBulkRequestRetryAfterTooLong", ErrorCategory.LimitsExceeded,
                $"The service asked to wait {stop.RetryAfter?.TotalSeconds:0} s ({stop.Message}), longer than -MaxRetryAfter {MaxRetryAfter.TotalSeconds:0} s. {accepted}; {rest}." + resend),
            SendStopKind.Unreachable => ("SendScimBulkRequestUnreachable", ErrorCategory.ConnectionError,
                $"The service could not be reached ({stop.Message}), after {RetryCount} retries of request {stop.RequestIndex}. {accepted}; {rest}. " +
                "Check the network and the Graph address (Get-EntraProvisioningConnection)." + resend),
            SendStopKind.SignInFailed => ("SendScimBulkRequestSignInFailed", ErrorCategory.AuthenticationError,
                $"Getting a token failed at request {stop.RequestIndex}, so it was not sent ({stop.Message}). {accepted}; {rest}. " +
                "Check the credential (managed identity, secret or certificate) and sign in again with Connect-EntraProvisioning." + resend),
            SendStopKind.Unauthorized => ("SendScimBulkRequestUnauthorized", ErrorCategory.AuthenticationError,
                $"The service refused the sign-in (401: {stop.Message}). {accepted}; {rest}. Sign in again with Connect-EntraProvisioning." + resend),
            SendStopKind.Forbidden => ("SendScimBulkRequestForbidden", ErrorCategory.PermissionDenied,
                $"The service refused the upload (403: {stop.Message}). {accepted}; {rest}. Grant the app the SynchronizationData-User.Upload application permission, with admin consent." + resend),
            _ => ("SendScimBulkRequestJobNotFound", ErrorCategory.ObjectNotFound,
                $"The provisioning job was not found (404: {stop.Message}). {accepted}; {rest}. Check -ServicePrincipalId and -JobId." + resend),
        };
        WriteError(new ErrorRecord(new InvalidOperationException(message), id, category, _target));
    }
}
