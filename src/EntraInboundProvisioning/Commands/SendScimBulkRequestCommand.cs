using System.Diagnostics;
using System.Management.Automation;
using EntraInboundProvisioning.Connection;
using EntraInboundProvisioning.Engine.Batching;
using EntraInboundProvisioning.Engine.Provisioning;

namespace EntraInboundProvisioning.Commands;

/// <summary>
/// POSTs bulk requests to the provisioning job's bulkUpload endpoint, paced under the service's limits, waiting out
/// throttling and a full bucket, and writing one result per request.
/// </summary>
[Cmdlet(VerbsCommunications.Send, "ScimBulkRequest", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = RequestSet)]
[OutputType(typeof(BulkSendResult))]
public sealed class SendScimBulkRequestCommand : ProvisioningJobCmdlet
{
    private const string RequestSet = "Request";
    private const string PathSet = "Path";

    private BulkSender _sender = null!;
    private ProvisioningTarget _target = null!;
    private readonly Stopwatch _clock = new();
    private int _requests;
    private int _records;
    private int _failed;
    private int _fileIndex;
    private int _notSent;
    private int _notSentWorkers;
    private bool _warnedNoRun;

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = RequestSet)]
    public ScimBulkRequest InputObject { get; set; } = null!;

    /// <summary>Bulk request files saved by New-ScimBulkRequest -OutFolder.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = PathSet)]
    [Alias("PSPath", "FullName")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = [];

    /// <summary>Calls per 5 seconds; the service allows 40. 0 turns pacing off.</summary>
    [Parameter]
    [ValidateRange(0, 1000)]
    public int MaxCallsPer5Seconds { get; set; } = 40;

    [Parameter]
    public TimeSpan BucketFullPause { get; set; } = TimeSpan.FromMinutes(5);

    [Parameter]
    [ValidateRange(0, 100)]
    public int BucketFullRetries { get; set; } = 3;

    /// <summary>Retries of dropped connections and server faults other than throttling and a full bucket.</summary>
    [Parameter]
    [ValidateRange(0, 10)]
    public int RetryCount { get; set; } = 3;

    /// <summary>The first wait before such a retry; it doubles each time.</summary>
    [Parameter]
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
        var policy = new SendPolicy
        {
            MaxCallsPerWindow = MaxCallsPer5Seconds,
            BucketFullPause = BucketFullPause,
            BucketFullPauses = BucketFullRetries,
            TransientRetries = RetryCount,
            TransientDelay = RetryDelay,
        };
        _sender = new BulkSender(new GraphBulkUploadTransport(connection), policy, log: Post);
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
        if (_notSent > 0)
        {
            WriteWarning($"-MaxRequests {MaxRequests}: {_notSent} requests ({_notSentWorkers} workers) were not sent. " +
                (State is not null ? "The next run with the same state sends them." : "Send them later, or use -State so that the next run sends only them."));
        }
        WriteProgress(new ProgressRecord(1, "Send-ScimBulkRequest", "Done") { RecordType = ProgressRecordType.Completed });
        WriteVerbose($"Send-ScimBulkRequest: {_sender.RequestsAccepted} requests ({_sender.RecordsAccepted} records) accepted, {_failed} failed, in {_clock.Elapsed:hh\\:mm\\:ss}.");
    }

    protected override void OnWaiting()
    {
        if (_sender.WaitingUntil is { } until)
        {
            var seconds = (int)Math.Max(0, Math.Ceiling((until - DateTimeOffset.UtcNow).TotalSeconds));
            WriteProgress(new ProgressRecord(1, "Send-ScimBulkRequest", $"{_requests} requests ({_records} records) sent; waiting as the service asked")
            {
                SecondsRemaining = seconds,
                CurrentOperation = $"{seconds} s left in this wait",
            });
        }
    }

    private void Send(ScimBulkRequest request)
    {
        if (MaxRequests is { } max && _requests >= max)
        {
            _notSent++;
            _notSentWorkers += request.Count;
            return;
        }
        if (!ShouldProcess($"job {_target.JobId}", $"Send bulk request {request.Index} ({request.Count} workers)"))
        {
            return;
        }
        double perRequest = _requests == 0 ? 0 : _clock.Elapsed.TotalSeconds / _requests;
        WriteProgress(new ProgressRecord(1, "Send-ScimBulkRequest", $"{_requests} requests ({_records} records) sent; sending request {request.Index}")
        {
            CurrentOperation = $"{request.Count} workers, {request.ExternalIds.FirstOrDefault()} .. {request.ExternalIds.LastOrDefault()}" +
                (perRequest > 0 ? $"; {perRequest:0.00} s per request" : ""),
        });

        BulkSendResult result;
        try
        {
            result = Await(_sender.SendAsync(request, _target, CancelToken));
        }
        catch (QuotaExhaustedException ex)
        {
            string renew = ex.RetryAfter is { } wait ? $" It renews in about {wait:hh\\:mm} (hours:minutes)." : string.Empty;
            ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(
                $"The tenant's daily quota of bulkUpload calls is spent ({ex.Message}). {_sender.RequestsAccepted} requests ({_sender.RecordsAccepted} records) " +
                $"were sent before it; request {request.Index} and the ones after it were not.{renew} Send the rest later: save the requests with " +
                "New-ScimBulkRequest -OutFolder and send them with Get-ChildItem <folder> | Send-ScimBulkRequest, or run the pipeline again " +
                "(workers that did not change are skipped by the service).", ex), "SendScimBulkRequestQuotaExhausted", ErrorCategory.LimitsExceeded, request));
            return;
        }
        catch (OperationCanceledException)
        {
            throw new PipelineStoppedException();
        }

        _requests++;
        _records += request.Count;
        RecordInState(result);
        WriteObject(result);
        if (result.Status == SendStatus.Failed)
        {
            _failed++;
            ReportFailure(result);
        }
    }

    private void RecordInState(BulkSendResult result)
    {
        if (State?.CurrentRun is { } run)
        {
            run.RecordResult(result);
        }
        else if (State is not null && !_warnedNoRun)
        {
            _warnedNoRun = true;
            WriteWarning($"The requests did not come from New-ScimBulkRequest -State with the state '{State.Location}', so their outcome is not recorded in it.");
        }
    }

    private void ReportFailure(BulkSendResult result)
    {
        string[] sources = result.Request!.Sources.Where(source => source is not null).Distinct().Select(source => source!).ToArray();
        string from = sources.Length switch
        {
            0 => string.Empty,
            1 => $", from {sources[0]}",
            _ => $", from {sources[0]} .. {sources[^1]}",
        };
        string message = $"Bulk request {result.Index} ({result.Count} workers, {result.ExternalIds.FirstOrDefault()} .. {result.ExternalIds.LastOrDefault()}{from}) " +
            $"was not accepted: {(result.StatusCode == 0 ? "no answer" : "HTTP " + result.StatusCode)} {result.ErrorCode}: {result.ErrorMessage}";
        (string id, ErrorCategory category, bool stop) = result.StatusCode switch
        {
            400 => ("SendScimBulkRequestBadRequest", ErrorCategory.InvalidData, false),
            401 => ("SendScimBulkRequestUnauthorized", ErrorCategory.AuthenticationError, true),
            403 => ("SendScimBulkRequestForbidden", ErrorCategory.PermissionDenied, true),
            404 => ("SendScimBulkRequestJobNotFound", ErrorCategory.ObjectNotFound, true),
            _ => ("SendScimBulkRequestFailed", ErrorCategory.ConnectionError, false),
        };
        string advice = result.StatusCode switch
        {
            401 => " Sign in again with Connect-EntraProvisioning.",
            403 => " Grant the app the SynchronizationData-User.Upload application permission, with admin consent.",
            404 => " Check -ServicePrincipalId and -JobId.",
            400 => " Correct the payload; send the request again with $error[0].TargetObject | Send-ScimBulkRequest.",
            _ => " Send it again later with $error[0].TargetObject | Send-ScimBulkRequest.",
        };
        var record = new ErrorRecord(new InvalidOperationException(message + advice), id, category, result.Request);
        if (stop)
        {
            ThrowTerminatingError(record);
        }
        WriteError(record);
    }
}
