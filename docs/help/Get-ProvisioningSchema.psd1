@{
    Synopsis    = 'Shows the attributes of the provisioning job''s schema: those of the API source directory, or with -All of every directory.'
    Description = @'
Get-ProvisioningSchema reads the job's synchronizationSchema (GET .../synchronization/jobs/{jobId}/schema) through
the Graph SDK's typed builder and lists its attribute definitions (directories[].objects[].attributes[]): the
directory, the object, the name, the type (String, Boolean, DateTime, Integer, Reference, Binary), and whether it is
the anchor or required. By default only the API source directory is listed (the one not named "Azure Active
Directory" or "Microsoft Entra ID"): its custom attributes (urn:...:User:Name) are the ones the service can map.
'@
    Parameters  = @{
        ServicePrincipalId = 'The provisioning app: its service principal object id or its appId. By default the app of Connect-EntraProvisioning.'
        JobId              = 'The job: of -ServicePrincipalId when given, else of the connected app; needed only when the app has several. A job id that does not exist is an error (JobNotFound). Not with a piped job.'
        Uri                = 'The "Provisioning API Endpoint" from the app''s Provisioning page; it names the app and the job.'
        InputObject        = 'A job as Get-ProvisioningJob returned it; from the pipeline.'
        All                = 'Lists every directory''s attributes, the Microsoft Entra ID target''s too.'
    }
    Inputs      = @(@{ Type = 'EntraInboundProvisioning.Engine.Jobs.ProvisioningJobInfo'; Description = 'The job whose schema to read.' })
    Outputs     = @(@{ Type = 'EntraInboundProvisioning.Engine.Jobs.ProvisioningSchemaAttribute'; Description = 'Directory, Object, Name, Type, Anchor, Required, Multivalued.' })
    Notes       = 'One of these Graph application permissions, with admin consent: CustomSecAttributeProvisioning.Read.All (the least privileged in Microsoft''s Graph reference), Application.ReadWrite.OwnedBy (only when this app is an owner of the provisioning app), Synchronization.Read.All or Synchronization.ReadWrite.All. Requires Connect-EntraProvisioning.'
    Examples    = @(
        @{
            Code    = '$ep = Start-ProvisioningEndpoint; Connect-EntraProvisioning -LocalEndpoint $ep; Get-ProvisioningSchema | Where-Object Name -like ''urn:*''; Stop-ProvisioningEndpoint $ep'
            Remarks = 'Lists the source attributes in a namespace: the enterprise ones, and the custom ones once Update-ProvisioningSchema added them.'
        }
        @{
            Code    = 'Get-ProvisioningSchema -All | Group-Object Directory | Select-Object Name, Count'
            Remarks = 'Counts the attributes of each directory.'
        }
    )
    Links       = @('Update-ProvisioningSchema', 'Get-ProvisioningJob')
}
