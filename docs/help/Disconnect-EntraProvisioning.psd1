@{
    Synopsis    = 'Forgets the connection that Connect-EntraProvisioning made.'
    Description = 'Disconnect-EntraProvisioning drops this runspace''s connection, its credential and its tokens. The next Send-ScimBulkRequest or Get-ProvisioningLog needs Connect-EntraProvisioning again.'
    Parameters  = @{}
    Inputs      = @()
    Outputs     = @()
    Notes       = ''
    Examples    = @(
        @{ Code = 'Disconnect-EntraProvisioning'; Remarks = 'Ends the connection.' }
        @{ Code = 'try { Connect-EntraProvisioning -ManagedIdentity -ServicePrincipalId $id; Get-ProvisioningJob }  finally { Disconnect-EntraProvisioning }'; Remarks = 'Ends the connection when a runbook is done, even after an error.' }
    )
    Links       = @('Connect-EntraProvisioning', 'Get-EntraProvisioningConnection')
}
