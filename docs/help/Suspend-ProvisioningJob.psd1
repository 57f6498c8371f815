@{
    Synopsis    = 'Pauses a provisioning job: uploads are still accepted, and provisioned once the job is started again.'
    Description = @'
Suspend-ProvisioningJob POSTs .../synchronization/jobs/{jobId}/pause through the Graph SDK's typed job builder.
A paused job takes bulkUpload calls (202) but applies none of them and writes no provisioning logs until
Start-ProvisioningJob. CSV2SCIM's -RestartService paused the job before sending and started it after; that is

  Suspend-ProvisioningJob -Confirm:$false; ... | Send-ScimBulkRequest; Start-ProvisioningJob -Confirm:$false
'@
    Parameters  = @{
        ServicePrincipalId = 'The provisioning app: its service principal object id or its appId. By default the app of Connect-EntraProvisioning.'
        JobId              = 'The job: of -ServicePrincipalId when given, else of the connected app; needed only when the app has several. A job id that does not exist is an error (JobNotFound). Not with a piped job.'
        Uri                = 'The "Provisioning API Endpoint" from the app''s Provisioning page; it names the app and the job.'
        InputObject        = 'A job as Get-ProvisioningJob returned it; from the pipeline.'
        PassThru           = 'Writes the job as it is after the pause.'
        WhatIf             = 'Shows what would be paused, without pausing it.'
        Confirm            = 'Asks before pausing the job.'
    }
    Inputs      = @(@{ Type = 'EntraInboundProvisioning.Engine.Jobs.ProvisioningJobInfo'; Description = 'The job to pause.' })
    Outputs     = @(@{ Type = 'EntraInboundProvisioning.Engine.Jobs.ProvisioningJobInfo'; Description = 'With -PassThru: the job after the pause.' })
    Notes       = 'One of these Graph application permissions, with admin consent: Application.ReadWrite.OwnedBy (the least privileged in Microsoft''s Graph reference; it works only when this app is an owner of the provisioning app) or Synchronization.ReadWrite.All. Requires Connect-EntraProvisioning.'
    Examples    = @(
        @{
            Code    = '$ep = Start-ProvisioningEndpoint; Connect-EntraProvisioning -LocalEndpoint $ep; Suspend-ProvisioningJob -PassThru -Confirm:$false; Stop-ProvisioningEndpoint $ep'
            Remarks = 'Pauses the local endpoint''s job and shows it Paused.'
        }
        @{
            Code    = 'Get-ProvisioningJob | Suspend-ProvisioningJob -WhatIf'
            Remarks = 'Shows which job would be paused.'
        }
    )
    Links       = @('Start-ProvisioningJob', 'Get-ProvisioningJob', 'Restart-ProvisioningJob')
}
