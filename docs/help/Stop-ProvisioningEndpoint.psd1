@{
    Synopsis    = 'Stops a local provisioning endpoint that Start-ProvisioningEndpoint started.'
    Description = @'
Stop-ProvisioningEndpoint ends the endpoint's process, and clears IDENTITY_ENDPOINT and IDENTITY_HEADER when they
point at it. An endpoint also stops by itself when the PowerShell session that started it ends.
'@
    Parameters  = @{
        InputObject = 'The endpoint, as Start-ProvisioningEndpoint returned it; from the pipeline too.'
        WhatIf      = 'Shows what would be stopped, without stopping it.'
        Confirm     = 'Asks before stopping the endpoint.'
    }
    Inputs      = @(@{ Type = 'EntraInboundProvisioning.LocalEndpoint.LocalProvisioningEndpoint'; Description = 'Endpoints to stop.' })
    Outputs     = @()
    Notes       = ''
    Examples    = @(
        @{ Code = '$ep = Start-ProvisioningEndpoint; Connect-EntraProvisioning -LocalEndpoint $ep; Get-ProvisioningJob; Stop-ProvisioningEndpoint $ep'; Remarks = 'Stops the endpoint started earlier.' }
        @{ Code = '$ep = Start-ProvisioningEndpoint; $ep | Stop-ProvisioningEndpoint -Verbose'; Remarks = 'Stops an endpoint from the pipeline and says so.' }
    )
    Links       = @('Start-ProvisioningEndpoint')
}
