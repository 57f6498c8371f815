@{
    Synopsis    = 'Reads the provisioning logs of a job, or of exactly the workers that Send-ScimBulkRequest sent.'
    Description = @'
Get-ProvisioningLog reads GET /auditLogs/provisioning (provisioningObjectSummary) with the Graph SDK's typed builder
and page iterator, filtered by the job and by -Since, -Until, -Status, -Action, -ExternalId and -CycleId.

Given Send-ScimBulkRequest results from the pipeline, it returns the entries of exactly those workers, matched by
externalId (not bulkId) and by the time their requests were sent. Entries appear 5 to 10 minutes after an upload:
-Wait polls every -PollInterval until each worker has an entry or -Timeout passes, writing entries as they appear
and showing with Write-Progress how many workers have entries and the time left; workers still without an entry are
reported in one error. With -Status, -Wait still waits for each worker's entry, whatever its status, then gives only
the entries of that status: waiting for failures ends as soon as every worker has an entry. Results with Status
Unknown (sent, no answer) are looked for too: an entry says the service took the request. -Summary gives counts by
action and status instead, as CSV2SCIM's cycle statistics do.

-LastCycles <n> reads the job's last n provisioning cycles, newest first, as CSV2SCIM's -GetPreviousCycleLogs
-NumberOfCycles did: with -Summary one object per cycle with its id, start and end, the changes and users, and the
counts of each action (create, update, delete, disable, stagedDelete, other) by status; without it, the entries of
those cycles.

The failed entries select the workers to send again:

  $failed = $results | Get-ProvisioningLog -Wait | Where-Object Status -eq failure | Select-Object -ExpandProperty ExternalId -Unique
  Import-HrCsv .\hr.csv | ConvertTo-ScimUser -Mapping .\map.psd1 | Where-Object ExternalId -in $failed | New-ScimBulkRequest | Send-ScimBulkRequest
'@
    Parameters  = @{
        State              = 'The state of a recurring sync: reads the entries since the state''s last read (or its first send) and stores each worker''s outcome (success, skipped, warning, failure, with the reason) in it; a failure is sent again by the next run, ManagerNotFound once the manager is known (any other entry clears it), a disable the service did not apply (held by its accidental-deletion threshold as stagedDelete, or failed) makes the worker active again in the state so that the next run disables it again, and a request that was never answered is settled: an entry after it means the service has it. Every entry since the mark is read and recorded; -Status and -Action only pick which are written to the pipeline.'
        InputObject        = 'Send-ScimBulkRequest results; the workers of Accepted and Unknown results are looked for (NotSent and Failed requests have no entries).'
        ServicePrincipalId = 'The provisioning app; by default the one of Connect-EntraProvisioning or of the piped results.'
        JobId              = 'The provisioning job.'
        Uri                = 'The "Provisioning API Endpoint" from the app''s Provisioning page; it names the app and the job.'
        Since              = 'Entries at or after this time.'
        Until              = 'Entries before this time.'
        Status             = 'success, failure, skipped or warning. With piped results and -Wait, applied after each worker has an entry; with -State, applied to what is written, while every entry is recorded.'
        Action             = 'create, update, delete, stagedDelete (a disable the deletion threshold held), disable or other: every v1.0 provisioningAction.'
        ExternalId         = 'The workers (externalId = Entra employeeId) whose entries to read; from the pipeline by property name too.'
        CycleId            = 'One provisioning cycle.'
        Wait               = 'Polls until every piped worker has an entry, or -Timeout passes. A paused or quarantined job writes no entries until it runs again: check Get-ProvisioningJob first.'
        Timeout            = 'How long -Wait polls: a TimeSpan or a number of seconds; 15 minutes by default.'
        PollInterval       = 'How often -Wait polls: a TimeSpan or a number of seconds; 30 seconds by default.'
        Summary            = 'Counts by action and status instead of the entries; with -LastCycles one summary per cycle.'
        LastCycles         = 'The job''s last cycles, newest first: their entries, or with -Summary one statistics object per cycle.'
    }
    Inputs      = @(@{ Type = 'EntraInboundProvisioning.Engine.Provisioning.BulkSendResult'; Description = 'Results of Send-ScimBulkRequest.' })
    Outputs     = @(
        @{ Type = 'EntraInboundProvisioning.Engine.Logs.ProvisioningLogEntry'; Description = 'ExternalId, Action, Status, ErrorCode, Reason, ActivityDateTime, CycleId, ChangeId, TargetId.' }
        @{ Type = 'EntraInboundProvisioning.Engine.Logs.ProvisioningLogSummary'; Description = 'With -Summary: Action, Status, Count.' }
        @{ Type = 'EntraInboundProvisioning.Engine.Logs.ProvisioningCycleSummary'; Description = 'With -LastCycles and -Summary: CycleId, StartDateTime, EndDateTime, Changes, Users, ActionStatistics (Action, Success, Failure, Skipped, Warning).' }
    )
    Notes       = 'Requires Connect-EntraProvisioning and the AuditLog.Read.All permission.'
    Examples    = @(
        @{
            Code    = '$state = Open-ProvisioningState ./hr-sync.db; Get-ProvisioningLog -State $state -Summary; Get-ProvisioningState $state; Close-ProvisioningState $state'
            Remarks = 'Records what the service did with earlier sends, before the day''s run, and counts the entries.'
        }
        @{
            Code    = '$results = Import-HrCsv .\hr.csv | ConvertTo-ScimUser -Mapping .\AttributeMapping.psd1 | New-ScimBulkRequest | Send-ScimBulkRequest; $results | Get-ProvisioningLog -Wait -Summary'
            Remarks = 'Waits until every sent worker has a log entry and shows counts by action and status.'
        }
        @{
            Code    = 'Get-ProvisioningLog -Since (Get-Date).AddHours(-1) -Status failure | Format-Table ExternalId, ErrorCode, Reason'
            Remarks = 'Lists the failures of the last hour with their reasons.'
        }
        @{
            Code    = 'Get-ProvisioningLog -LastCycles 2 -Summary'
            Remarks = 'CSV2SCIM''s -GetPreviousCycleLogs -NumberOfCycles 2: the statistics of the job''s last two cycles.'
        }
    )
    Links       = @('Send-ScimBulkRequest', 'Connect-EntraProvisioning')
}
