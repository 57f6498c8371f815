@{
    RootModule           = 'EntraInboundProvisioning.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '5051d156-1d14-435d-8b0f-61149cbbb963'
    Author               = 'EntraInboundProvisioning contributors'
    CompanyName          = 'EntraInboundProvisioning'
    Copyright            = '(c) EntraInboundProvisioning contributors. MIT licence.'
    Description          = 'Reads HR exports and other worker records, turns them into SCIM users and bulk requests, sends them to Microsoft Entra API-driven inbound provisioning, and reads the provisioning logs back.'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('EntraInboundProvisioning.format.ps1xml')
    FunctionsToExport    = @()
    CmdletsToExport      = @(
        'Import-HrCsv'
        'ConvertTo-ScimUser'
        'Test-ScimMapping'
        'New-ScimBulkRequest'
        'Start-ProvisioningEndpoint'
        'Stop-ProvisioningEndpoint'
        'Connect-EntraProvisioning'
        'Disconnect-EntraProvisioning'
        'Get-EntraProvisioningConnection'
        'Send-ScimBulkRequest'
        'Get-ProvisioningLog'
        'Get-ProvisioningJob'
        'Suspend-ProvisioningJob'
        'Start-ProvisioningJob'
        'Restart-ProvisioningJob'
        'Get-ProvisioningSchema'
        'Update-ProvisioningSchema'
        'Open-ProvisioningState'
        'Close-ProvisioningState'
        'Get-ProvisioningState'
        'Clear-ProvisioningState'
        'Export-ProvisioningReport'
    )
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('PSEdition_Core', 'Windows', 'Linux', 'MacOS', 'Entra', 'EntraID', 'SCIM', 'Provisioning', 'HR', 'InboundProvisioning', 'Graph', 'AzureAutomation')
            ProjectUri   = 'https://github.com/EntraInboundProvisioning/EntraInboundProvisioning'
            LicenseUri   = 'https://github.com/EntraInboundProvisioning/EntraInboundProvisioning/blob/main/LICENSE'
            # build.ps1 writes the CHANGELOG.md section of ModuleVersion here in the built manifest.
            ReleaseNotes = 'See CHANGELOG.md.'
        }
    }
}
