@{
    Synopsis    = 'Sends SCIM bulk requests to the Entra inbound provisioning API, paced, retried and reported per request.'
    Description = @'
Send-ScimBulkRequest POSTs each bulk request from New-ScimBulkRequest (or each file saved with -OutFolder) to the
provisioning job's bulkUpload endpoint with the content type application/scim+json, through the Microsoft Graph
SDK's request adapter, which signs the call and retries throttled calls honouring Retry-After.

It sends the way a careful admin would: at most 40 calls per 5 seconds by default, so a long run is not throttled;
429, 503 and 504 are waited out as Retry-After says; a 500 "bucket is full" pauses the run for minutes
(-BucketFullPause, -BucketFullRetries); dropped connections and other server faults are retried a few times
(-RetryCount, -RetryDelay). A request is never sent again once it was accepted (202). 400 is never retried: it is
reported with the service's message, as a non-terminating error that carries the request, so it can be corrected
and sent again. 401, 403 and 404 stop the command, since every further request would fail the same way. When the
tenant's daily quota is spent, the command stops with an error that says how many requests were sent and how to
send the rest later.

Each request gives one result: Index, Status (Accepted or Failed), StatusCode, ExternalIds, Count, Location (the
logs of the job), RequestId, SentAt, Duration and Attempts. Pipe the results to Get-ProvisioningLog to see what the
service did with each worker.
'@
    Parameters  = @{
        State       = 'The state of a recurring sync, given to New-ScimBulkRequest -State too. Each request''s outcome is recorded as it arrives, one transaction per request: accepted workers are not sent again, failed ones are sent again next run, and those of a request without an answer wait for the provisioning logs (Get-ProvisioningLog -State). Running the same pipeline again after a kill, Ctrl+C or a spent quota sends only what was not accepted.'
        MaxRequests = 'Sends at most this many requests and leaves the rest, with a warning; with -State the next run sends them. Spreads a large resend over days within the daily quota.'
        InputObject         = 'The bulk requests, from New-ScimBulkRequest.'
        LiteralPath         = 'Bulk request files saved by New-ScimBulkRequest -OutFolder; Get-ChildItem output binds here.'
        ServicePrincipalId  = 'The provisioning app''s service principal (object id or appId); by default the one of Connect-EntraProvisioning.'
        JobId               = 'The provisioning job; needed only when the app has several.'
        Uri                 = 'The "Provisioning API Endpoint" from the app''s Provisioning page.'
        MaxCallsPer5Seconds = 'Calls per 5 seconds (40, the service''s limit, by default); 0 turns pacing off.'
        BucketFullPause     = 'How long to pause when the service says its bucket is full; 5 minutes by default.'
        BucketFullRetries   = 'How many such pauses a request may wait out; 3 by default.'
        RetryCount          = 'Retries of dropped connections and server faults other than throttling; 3 by default.'
        RetryDelay          = 'The first wait before such a retry, doubled each time; 2 seconds by default.'
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
send leavers with active = false. Write-Progress shows the requests and records sent; Ctrl+C stops at once.
'@
    Examples    = @(
        @{
            Code    = @'
$ep = Start-ProvisioningEndpoint; Connect-EntraProvisioning -LocalEndpoint $ep
$state = Open-ProvisioningState (Join-Path ([IO.Path]::GetTempPath()) "sync-$(New-Guid).db")
try {
    Import-HrCsv ./samples/workers.csv | ConvertTo-ScimUser -Mapping ./samples/AttributeMapping.psd1 |
        New-ScimBulkRequest -State $state | Send-ScimBulkRequest -State $state -MaxRequests 5
} finally { Close-ProvisioningState $state; Stop-ProvisioningEndpoint $ep }
'@
            Remarks = 'Sends 5 requests of a first run and records them; the same pipeline run again sends the rest.'
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
            Code    = '$results = ... | Send-ScimBulkRequest -ErrorVariable failed; $failed.TargetObject | Send-ScimBulkRequest'
            Remarks = 'Sends again the requests that were not accepted.'
        }
    )
    Links       = @('Connect-EntraProvisioning', 'New-ScimBulkRequest', 'Get-ProvisioningLog')
}
