@{
    Synopsis    = 'Starts a paused or quarantined provisioning job; what was uploaded meanwhile is then provisioned.'
    Description = @'
Start-ProvisioningJob POSTs .../synchronization/jobs/{jobId}/start through the Graph SDK's typed job builder. The
uploads the job accepted while it was paused or in quarantine are then applied and logged. As Microsoft documents,
start also clears a quarantine, whatever its reason: fix its cause first (Get-ProvisioningJob shows it). For
TooManyDeletes, start does not apply the disables the accidental-deletion threshold held: they stay staged (logged
as stagedDelete) and only Restart-ProvisioningJob -ResetScope ForceDeletes applies them (QuarantineState drops them).
The command does not read the job back unless -PassThru is given.
'@
    Parameters  = @{
        ServicePrincipalId = 'The provisioning app: its service principal object id or its appId. By default the app of Connect-EntraProvisioning.'
        JobId              = 'The job: of -ServicePrincipalId when given, else of the connected app; needed only when the app has several. A job id that does not exist is an error (JobNotFound). Not with a piped job.'
        Uri                = 'The "Provisioning API Endpoint" from the app''s Provisioning page; it names the app and the job.'
        InputObject        = 'A job as Get-ProvisioningJob returned it; from the pipeline.'
        PassThru           = 'Writes the job as it is after the start.'
        WhatIf             = 'Shows what would be started, without starting it.'
        Confirm            = 'Asks before starting the job.'
    }
    Inputs      = @(@{ Type = 'EntraInboundProvisioning.Engine.Jobs.ProvisioningJobInfo'; Description = 'The job to start.' })
    Outputs     = @(@{ Type = 'EntraInboundProvisioning.Engine.Jobs.ProvisioningJobInfo'; Description = 'With -PassThru: the job after the start.' })
    Notes       = 'One of these Graph application permissions, with admin consent: Application.ReadWrite.OwnedBy (the least privileged in Microsoft''s Graph reference; it works only when this app is an owner of the provisioning app) or Synchronization.ReadWrite.All. Requires Connect-EntraProvisioning.'
    Examples    = @(
        @{
            Code    = '$ep = Start-ProvisioningEndpoint; Connect-EntraProvisioning -LocalEndpoint $ep; Suspend-ProvisioningJob -Confirm:$false; Start-ProvisioningJob -PassThru -Confirm:$false; Stop-ProvisioningEndpoint $ep'
            Remarks = 'Pauses the local endpoint''s job and starts it again.'
        }
        @{
            Code    = 'Get-ProvisioningJob | Where-Object Status -eq Paused | Start-ProvisioningJob -WhatIf'
            Remarks = 'Shows that a paused job would be started.'
        }
    )
    Links       = @('Suspend-ProvisioningJob', 'Get-ProvisioningJob', 'Restart-ProvisioningJob')
}
