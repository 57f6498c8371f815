@{
    Synopsis    = 'Signs in once for the session''s provisioning cmdlets, and names the provisioning job to use.'
    Description = @'
Connect-EntraProvisioning signs in with Azure.Identity, with what the admin or the runbook already has, and keeps the
connection for Send-ScimBulkRequest and Get-ProvisioningLog, as Connect-MgGraph does: an app's client secret or
certificate (an object, a thumbprint in the certificate store, or a PFX file), a managed identity (system- or
user-assigned; in Azure Automation through IDENTITY_ENDPOINT and IDENTITY_HEADER), an interactive browser or device
code sign-in, a token acquired elsewhere, or the AZURE_* environment variables that EnvironmentCredential reads.

It signs in at once, so a wrong secret or a missing managed identity is reported here. -Environment chooses the cloud
(its sign-in authority and Graph endpoint go together). -ServicePrincipalId (object id or appId) names the app; its
job is found when it has one, else -JobId chooses it. -Uri takes the "Provisioning API Endpoint" that the app's
Provisioning page shows. -GraphUri or -LocalEndpoint point at the local provisioning endpoint; tokens go over plain
http only to loopback.

When a job is named, it is checked with one GET: a job that does not exist fails here, with the app's jobs listed. An
identity that holds only SynchronizationData-User.Upload (least privilege, usual for runbooks) may not read jobs: it
gets a warning that the job could not be verified, not an error, and the ids are used as given.

The connection belongs to the runspace: runspaces of ForEach-Object -Parallel, a runspace pool or Azure Functions
each connect on their own, and a Disconnect-EntraProvisioning in one leaves the others alone. Remove-Module signs out.
Get-EntraProvisioningConnection shows the current connection.

Secrets (client secrets, certificate passwords, tokens) are taken as SecureString or PSCredential and never written
to any output, stream or file.
'@
    Parameters  = @{
        TenantId                      = 'The tenant (directory) id or domain name.'
        ClientId                      = 'The app''s application (client) id; with -ManagedIdentity, the client id of a user-assigned identity.'
        ClientSecret                  = 'The app''s client secret, as a SecureString.'
        Credential                    = 'The app''s client id as the user name and its client secret as the password.'
        Certificate                   = 'The app''s certificate, with its private key.'
        CertificateThumbprint         = 'The thumbprint of the app''s certificate in the CurrentUser or LocalMachine My store.'
        CertificatePath               = 'A PFX file with the app''s certificate and private key.'
        CertificatePassword           = 'The PFX file''s password, as a SecureString.'
        ManagedIdentity               = 'Signs in with the managed identity of the machine, the Azure Automation account or the function (the default when nothing else is given).'
        Interactive                   = 'Signs in an admin in a browser.'
        UseDeviceCode                 = 'Signs in an admin with a device code shown on the verbose stream, for sessions without a browser.'
        AccessToken                   = 'A Graph access token acquired elsewhere, as a SecureString; it is used until it expires.'
        EnvironmentVariables          = 'Signs in with the AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH) variables.'
        LocalEndpoint                 = 'A local endpoint from Start-ProvisioningEndpoint: its address, job and token.'
        Environment                   = 'The cloud: Global (default), USGov, USGovDoD or China.'
        GraphUri                      = 'Another Graph address, such as the local endpoint''s. Plain http is allowed only to loopback.'
        ServicePrincipalId            = 'The provisioning app''s service principal object id, or its appId.'
        JobId                         = 'The provisioning job id; needed only when the app has several jobs.'
        Uri                           = 'The "Provisioning API Endpoint" from the app''s Provisioning page; it gives the Graph address, the app and the job.'
        PassThru                      = 'Returns the connection (address, sign-in kind, app and job; never a secret).'
    }
    Inputs      = @(@{ Type = 'EntraInboundProvisioning.LocalEndpoint.LocalProvisioningEndpoint'; Description = 'A local endpoint, for -LocalEndpoint.' })
    Outputs     = @(@{ Type = 'EntraInboundProvisioning.Connection.ProvisioningConnectionInfo'; Description = 'With -PassThru.' })
    Notes       = 'The app needs the SynchronizationData-User.Upload application permission to send, AuditLog.Read.All to read the logs, Synchronization.Read.All (or Application.ReadWrite.OwnedBy when it owns the provisioning app) to find and check the job, and Application.Read.All to find the app by its application id.'
    Examples    = @(
        @{
            Code    = 'Connect-EntraProvisioning -ManagedIdentity -ServicePrincipalId $appObjectId'
            Remarks = 'In an Azure Automation runbook: signs in with the account''s managed identity and finds the app''s job.'
        }
        @{
            Code    = 'Connect-EntraProvisioning -TenantId contoso.onmicrosoft.com -ClientId $appId -CertificateThumbprint 0123456789ABCDEF0123456789ABCDEF01234567 -Uri $provisioningApiEndpoint'
            Remarks = 'Signs in as an app with a certificate from the store, and uses the endpoint copied from the portal.'
        }
        @{
            Code    = 'Connect-EntraProvisioning -TenantId $tenant -ClientId $appId -ClientSecret (Read-Host -AsSecureString) -Environment USGov -ServicePrincipalId $appId'
            Remarks = 'Signs in with a client secret in the US Government cloud.'
        }
        @{
            Code    = '$ep = Start-ProvisioningEndpoint; Connect-EntraProvisioning -LocalEndpoint $ep'
            Remarks = 'Connects to the local provisioning endpoint, with no tenant.'
        }
    )
    Links       = @('Get-EntraProvisioningConnection', 'Send-ScimBulkRequest', 'Get-ProvisioningLog', 'Disconnect-EntraProvisioning')
}
