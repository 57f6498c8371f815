@{
    Synopsis    = 'Restarts a provisioning job, resetting what -ResetScope names; ForceDeletes applies the disables the deletion threshold held.'
    Description = @'
Restart-ProvisioningJob POSTs .../synchronization/jobs/{jobId}/restart with criteria.resetScope through the Graph
SDK's typed job builder (RestartPostRequestBody). Without -ResetScope it is the portal's "Restart provisioning",
which resets QuarantineState, Watermark and Escrows.

  Full             every reset (ConnectorDataStore, Escrows, Watermark, QuarantineState)
  Watermark        the service evaluates every user again instead of changes only
  Escrows          failed entries are no longer retried
  QuarantineState  lifts the quarantine
  ForceDeletes     applies the disables held when a cycle went past the accidental-deletion threshold (quarantine
                   reason TooManyDeletes) and lifts that quarantine; the only way to apply them (Start-ProvisioningJob
                   clears the quarantine but leaves them staged)

It is high impact, so it asks for confirmation: Microsoft documents that a restart of a job that is not running
discards the data uploaded to it meanwhile, and ForceDeletes disables users. Check the staged disables first with
Get-ProvisioningLog -Action stagedDelete.
'@
    Parameters  = @{
        ServicePrincipalId = 'The provisioning app: its service principal object id or its appId. By default the app of Connect-EntraProvisioning.'
        JobId              = 'The job: of -ServicePrincipalId when given, else of the connected app; needed only when the app has several. A job id that does not exist is an error (JobNotFound). Not with a piped job.'
        Uri                = 'The "Provisioning API Endpoint" from the app''s Provisioning page; it names the app and the job.'
        InputObject        = 'A job as Get-ProvisioningJob returned it; from the pipeline.'
        ResetScope         = 'What to reset: Full, Watermark, Escrows, QuarantineState, ForceDeletes (several may be given). None is the portal''s restart.'
        PassThru           = 'Writes the job as it is after the restart.'
        WhatIf             = 'Shows what would be restarted, without restarting it.'
        Confirm            = 'Asks before restarting the job (asked by default: the cmdlet is high impact).'
    }
    Inputs      = @(@{ Type = 'EntraInboundProvisioning.Engine.Jobs.ProvisioningJobInfo'; Description = 'The job to restart.' })
    Outputs     = @(@{ Type = 'EntraInboundProvisioning.Engine.Jobs.ProvisioningJobInfo'; Description = 'With -PassThru: the job after the restart.' })
    Notes       = 'One of these Graph application permissions, with admin consent: Application.ReadWrite.OwnedBy (the least privileged in Microsoft''s Graph reference; it works only when this app is an owner of the provisioning app) or Synchronization.ReadWrite.All. Requires Connect-EntraProvisioning.'
    Examples    = @(
        @{
            Code    = 'Get-ProvisioningLog -Action stagedDelete | Format-Table ExternalId, Reason; Restart-ProvisioningJob -ResetScope ForceDeletes'
            Remarks = 'Lists the disables the deletion threshold held, then applies them after confirmation.'
        }
        @{
            Code    = '$ep = Start-ProvisioningEndpoint; Connect-EntraProvisioning -LocalEndpoint $ep; Restart-ProvisioningJob -ResetScope QuarantineState -WhatIf; Stop-ProvisioningEndpoint $ep'
            Remarks = 'Shows what a restart that lifts the quarantine would do, without doing it.'
        }
    )
    Links       = @('Get-ProvisioningJob', 'Start-ProvisioningJob', 'Get-ProvisioningLog')
}
