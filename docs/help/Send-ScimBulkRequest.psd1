@{
    Synopsis    = 'Sends SCIM bulk requests to the Entra inbound provisioning API, several at once, paced, and reported per request.'
    Description = @'
Send-ScimBulkRequest POSTs each bulk request from New-ScimBulkRequest (or each file saved with -OutFolder) to the
provisioning job's bulkUpload endpoint with the content type application/scim+json, through the Microsoft Graph
SDK's request adapter, which signs the call.

It keeps up to -ThrottleLimit requests in flight (8 by default), so that a network's latency does not set the pace,
all under one pacer: at most 40 calls per 5 seconds by default (plus a leeway for the network's jitter), so a long
run is not throttled. Results come out in input order. Requests start in input order; a request whose Wave differs
from the one before it waits until every earlier request has its result, so a later wave never overtakes an earlier one.

What is retried: only what provably never reached the service (a connection that could not be made: refused, name
resolution, TLS, or not opened within 15 seconds) up to -RetryCount times, and 429/503 after the Retry-After the service gives. A 500 "bucket is full"
pauses the run for minutes (-BucketFullPause, -BucketFullRetries), with a warning. bulkUpload has no idempotency key,
so a request whose body was sent but whose answer never came (no answer within -TimeoutSec, a connection reset after
sending, 502/504) is not sent again: its result has Status Unknown, with an error that says how to check its workers'
logs. Every attempt of a request carries the same client-request-id, which the result keeps.

A run always accounts for every request. When the tenant's daily quota is spent, the service cannot be reached
after the first request's retries, a Retry-After is longer than -MaxRetryAfter, a token cannot be got (the managed
identity's endpoint or the credential fails mid-run), or the service answers 401, 403 or 404, sending stops: the command
writes one error that says why and how many requests were accepted, refused the same way (the ones in flight) and not
sent, and a result with Status NotSent for each remaining request, at once, so that $results = ... | Send-ScimBulkRequest still holds one result per
request. 400 is reported with the service's message, as a non-terminating error that carries the request.

Each result has Index, Status (Accepted, Failed, Unknown or NotSent), StatusCode, ExternalIds, Count, Location (the
logs of the job), RequestId, ClientRequestId, SentAt, Duration, Attempts, ErrorCode, ErrorMessage, and the Request
itself unless it was accepted. Pipe the results to Get-ProvisioningLog to see what the service did with each worker.

Before the first request it reads the job once: a job that is paused or in quarantine accepts uploads and
provisions nothing, so that gives one warning that says what becomes of the upload and what to do. Paused: the upload
waits and Start-ProvisioningJob applies it. In quarantine: fix the cause, then Start-ProvisioningJob clears the
quarantine and applies the upload; a restart instead discards what was uploaded while the job was not running (as
Microsoft documents), so send again after one. Either way no provisioning logs are written until the job runs, so Get-ProvisioningLog -Wait finds nothing
meanwhile: look at Get-ProvisioningJob instead. When the job cannot be read (the app lacks Application.ReadWrite.OwnedBy,
Synchronization.Read.All or Synchronization.ReadWrite.All) the send goes on and the verbose stream says so.
'@
    Parameters  = @{
        State       = 'The state of a recurring sync, given to New-ScimBulkRequest -State too. Each request is recorded as in flight before its body goes out (its workers wait for the provisioning logs, as for a request without an answer) and its outcome as it arrives, one small transaction each: accepted workers are not sent again, refused ones are sent again next run, and those of a request without an answer wait for the provisioning logs (Get-ProvisioningLog -State). Running the same pipeline again after a kill, Ctrl+C, a terminating error or a spent quota sends only what was not accepted, and never a request the service may already have. Once every request is sent (or left NotSent by a stop), the run is recorded as ended, so that Export-ProvisioningReport shows it so before the state is closed; requests sent again with the same state before it closes are still recorded.'
        MaxRequests = 'Sends at most this many requests and leaves the rest, with a warning; with -State the next run sends them. Spreads a large resend over days within the daily quota.'
        InputObject         = 'The bulk requests, from New-ScimBulkRequest.'
        LiteralPath         = 'Bulk request files saved by New-ScimBulkRequest -OutFolder; Get-ChildItem output binds here.'
        ServicePrincipalId  = 'The provisioning app''s service principal (object id or appId); by default the one of Connect-EntraProvisioning.'
        JobId               = 'The provisioning job; needed only when the app has several.'
        Uri                 = 'The "Provisioning API Endpoint" from the app''s Provisioning page.'
        MaxCallsPer5Seconds = 'Calls per 5 seconds (40 by default: Microsoft''s concepts page says 40 per 5 seconds, its Graph reference 40 per second; the default is the conservative one); 0 turns pacing off.'
        ThrottleLimit       = 'Requests in flight at once, 1 to 40; 8 by default (enough for the full rate at 400 ms per call). All share the one pacer.'
        TimeoutSec          = 'Seconds a call may go without an answer, 1 to 100 (the Graph client''s own limit); 100 by default. Past it the request''s Status is Unknown and it is not sent again.'
        MaxRetryAfter       = 'The longest Retry-After (of a 429 or 503) that is waited out; a longer one stops the run with NotSent results. A TimeSpan or a number of seconds; 3 minutes by default.'
        BucketFullPause     = 'How long to pause when the service says its bucket is full: a TimeSpan or a number of seconds; 5 minutes by default.'
        BucketFullRetries   = 'How many such pauses a request may wait out; 3 by default.'
        RetryCount          = 'Retries of a connection that could not be made (nothing was sent); 3 by default. When the first request''s retries fail, the run stops.'
        RetryDelay          = 'The first wait before such a retry, doubled each time: a TimeSpan or a number of seconds; 2 seconds by default.'
        WhatIf              = 'Shows what would be sent, without sending anything.'
        Confirm             = 'Asks before each request.'
    }
    Inputs      = @(
        @{ Type = 'EntraInboundProvisioning.Engine.Batching.ScimBulkRequest'; Description = 'Bulk requests.' }
        @{ Type = 'System.IO.FileInfo'; Description = 'Saved bulk request files.' }
    )
    Outputs     = @(@{ Type = 'EntraInboundProvisioning.Engine.Provisioning.BulkSendResult'; Description = 'One result per request.' })
    Notes       = @'
Requires Connect-EntraProvisioning first, and the SynchronizationData-User.Upload permission. The API never deletes:
send leavers with active = false. Write-Progress shows the requests done and in flight, and the time left in any wait
the service asked for; waits of 30 seconds or more are also warnings. Ctrl+C stops at once (with -State, the workers of a request
whose answer was awaited wait for the logs); a timeout is an error, never taken for Ctrl+C.
'@
    Examples    = @(
        @{
            Code    = @'
$ep = Start-ProvisioningEndpoint; Connect-EntraProvisioning -LocalEndpoint $ep
$state = Open-ProvisioningState (Join-Path ([IO.Path]::GetTempPath()) "sync-$(New-Guid).db")
try {
    Import-HrCsv ./samples/workers.csv | ConvertTo-ScimUser -Mapping ./samples/AttributeMapping.psd1 -ErrorAction SilentlyContinue |
        New-ScimBulkRequest -State $state | Send-ScimBulkRequest -State $state -MaxRequests 5
} finally { Close-ProvisioningState $state; Stop-ProvisioningEndpoint $ep }
'@
            Remarks = 'Sends 5 requests of a first run and records them; the same pipeline run again sends the rest. (The sample''s 40 duplicate rows are rejected by design; -ErrorAction SilentlyContinue keeps their errors out of the way.)'
        }
        @{
            Code    = 'Import-HrCsv .\hr.csv | ConvertTo-ScimUser -Mapping .\AttributeMapping.psd1 | New-ScimBulkRequest | Send-ScimBulkRequest'
            Remarks = 'Sends an HR export to the job named by Connect-EntraProvisioning.'
        }
        @{
            Code    = 'Get-ChildItem .\payloads\bulk-*.json | Send-ScimBulkRequest -WhatIf'
            Remarks = 'Shows which saved requests would be sent.'
        }
        @{
            Code    = '$results = Import-HrCsv .\hr.csv | ConvertTo-ScimUser -Mapping .\AttributeMapping.psd1 | New-ScimBulkRequest | Send-ScimBulkRequest -ErrorAction Continue; $results | Where-Object Status -eq NotSent | ForEach-Object Request | Send-ScimBulkRequest'
            Remarks = 'Sends later the requests that a stop (quota, unreachable host) left NotSent: every request has a result.'
        }
        @{
            Code    = '$results | Where-Object Status -eq Unknown | Get-ProvisioningLog -Wait'
            Remarks = 'Settles requests whose answer never came: their workers'' log entries say whether the service took them.'
        }
    )
    Links       = @('Connect-EntraProvisioning', 'New-ScimBulkRequest', 'Get-ProvisioningLog')
}
