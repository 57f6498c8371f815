@{
    Synopsis    = 'Shows the state of a provisioning job: status, quarantine and its reason, steady state, the last execution.'
    Description = @'
Get-ProvisioningJob reads the job (GET .../synchronization/jobs/{jobId}) through the Graph SDK's typed job builder
and shows what an admin checks first: the status code (NotConfigured, NotRun, Active, Paused, Quarantine), the
quarantine reason with when it began and when the service tries again, when the job last reached steady state, and
the last execution (Succeeded, Failed or EntryLevelErrors, with the counts imported, exported and escrowed, and its
start and end).

A job in quarantine, or paused, accepts uploads (202) and provisions nothing, and writes no provisioning logs for
them: Send-ScimBulkRequest warns once before sending to such a job.

The job is the one of Connect-EntraProvisioning, or -ServicePrincipalId/-JobId, -Uri, or a job piped in.
'@
    Parameters  = @{
        InputObject        = 'A job as Get-ProvisioningJob returned it; from the pipeline.'
        ServicePrincipalId = 'The provisioning app: its service principal object id or its appId. By default the app of Connect-EntraProvisioning.'
        JobId              = 'The job: of -ServicePrincipalId when given, else of the connected app; needed only when the app has several. A job id that does not exist is an error (JobNotFound). Not with a piped job.'
        Uri                = 'The "Provisioning API Endpoint" from the app''s Provisioning page; it names the app and the job.'
    }
    Inputs      = @(@{ Type = 'EntraInboundProvisioning.Engine.Jobs.ProvisioningJobInfo'; Description = 'A job to read again.' })
    Outputs     = @(@{ Type = 'EntraInboundProvisioning.Engine.Jobs.ProvisioningJobInfo'; Description = 'JobId, Status, QuarantineReason, QuarantineSince, QuarantineNextAttempt, SteadyStateLastAchieved, LastExecutionState, CountImported, CountExported, CountEscrowed, LastExecutionBegan, LastExecutionEnded.' })
    Notes       = 'One of these Graph application permissions, with admin consent: Application.ReadWrite.OwnedBy (the least privileged in Microsoft''s Graph reference; it works only when this app is an owner of the provisioning app), Synchronization.Read.All or Synchronization.ReadWrite.All. Requires Connect-EntraProvisioning.'
    Examples    = @(
        @{
            Code    = '$ep = Start-ProvisioningEndpoint; Connect-EntraProvisioning -LocalEndpoint $ep; Get-ProvisioningJob; Stop-ProvisioningEndpoint $ep'
            Remarks = 'Shows the local endpoint''s job: NotRun until something has been sent.'
        }
        @{
            Code    = 'Connect-EntraProvisioning -ManagedIdentity -ServicePrincipalId $appId; if ((Get-ProvisioningJob).Status -eq ''Quarantine'') { throw ''The job is in quarantine'' }'
            Remarks = 'In a runbook: stops before sending to a job that would provision nothing.'
        }
    )
    Links       = @('Suspend-ProvisioningJob', 'Start-ProvisioningJob', 'Restart-ProvisioningJob', 'Send-ScimBulkRequest')
}
