@{
    Synopsis    = 'Shows the connection that Connect-EntraProvisioning made in this runspace, without secrets.'
    Description = @'
Get-EntraProvisioningConnection returns this runspace's connection, as Get-MgContext does: the Graph address, how it
signs in (never a secret or a token) and the default job (service principal and job id). It returns nothing when the
runspace is not connected. Each runspace (ForEach-Object -Parallel, a runspace pool, Azure Functions) has its own.
'@
    Parameters  = @{}
    Inputs      = @()
    Outputs     = @(@{ Type = 'EntraInboundProvisioning.Connection.ProvisioningConnectionInfo'; Description = 'GraphUri, SignIn, ServicePrincipalId, JobId.' })
    Notes       = ''
    Examples    = @(
        @{ Code = 'Get-EntraProvisioningConnection'; Remarks = 'Shows where and how this runspace is connected.' }
        @{ Code = 'if (-not (Get-EntraProvisioningConnection)) { Connect-EntraProvisioning -ManagedIdentity -ServicePrincipalId $id }'; Remarks = 'Connects only when not connected yet.' }
    )
    Links       = @('Connect-EntraProvisioning', 'Disconnect-EntraProvisioning')
}
