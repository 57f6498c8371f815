@{
    Synopsis    = 'Starts a paused provisioning job; what was uploaded meanwhile is then provisioned.'
    Description = @'
Start-ProvisioningJob POSTs .../synchronization/jobs/{jobId}/start through the Graph SDK's typed job builder. The
uploads the job accepted while it was paused are then applied and logged. A job in quarantine for TooManyDeletes
stays there: decide on the staged disables with Restart-ProvisioningJob -ResetScope ForceDeletes (apply them) or
QuarantineState (drop them).
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
    Notes       = 'Requires Connect-EntraProvisioning and the Graph application permission Synchronization.ReadWrite.All.'
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
