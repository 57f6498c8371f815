@{
    Synopsis    = 'Starts a paused provisioning job; what was uploaded meanwhile is then provisioned.'
    Description = @'
Start-ProvisioningJob POSTs .../synchronization/jobs/{jobId}/start through the Graph SDK's typed job builder. The
uploads the job accepted while it was paused are then applied and logged. A job in quarantine for TooManyDeletes
stays there although the service accepts the call: after the POST the command reads the job, and a job still in
quarantine is an error (StartProvisioningJobStillQuarantined) that names the reason and what to do. For TooManyDeletes:
decide on the staged disables with Restart-ProvisioningJob -ResetScope ForceDeletes (apply them) or QuarantineState
(drop them), or raise the app's accidental-deletion threshold. A restart discards what was uploaded while the job was
not running: send it again after the restart.
'@
    Parameters  = @{
        ServicePrincipalId = 'The provisioning app: its service principal object id or its appId. By default the app of Connect-EntraProvisioning.'
        JobId              = 'The job; needed only when the app has several.'
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
