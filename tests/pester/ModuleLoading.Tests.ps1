BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
}

Describe 'Module loading' {
    It 'works in a session that already loaded another version of CsvHelper' {
        $other = Join-Path (Get-NuGetPackageFolder) 'csvhelper/30.0.1/lib/net6.0/CsvHelper.dll'
        $other | Should -Exist
        $script = @"
`$ErrorActionPreference = 'Stop'
Add-Type -Path '$other'
Import-Module '$(Get-EipModulePath)'
`$count = (Import-HrCsv '$(Get-SamplePath 'csv-with-1000-records.csv')').Count
`$versions = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'CsvHelper' } |
    ForEach-Object { '{0}@{1}' -f `$_.GetName().Version, [Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_).Name }
"`$count;`$((`$versions | Sort-Object) -join ';')"
"@
        $result = & dotnet pwsh -NoProfile -NonInteractive -Command $script
        $LASTEXITCODE | Should -Be 0
        $result | Should -Be '1000;30.0.0.0@Default;34.0.0.0@EntraInboundProvisioning'
    }

    It 'sends in a session that already loaded another version of Azure.Core, as Az.Accounts does' {
        $other = Join-Path (Get-NuGetPackageFolder) 'azure.core/1.44.1/lib/net6.0/Azure.Core.dll'
        $other | Should -Exist
        $script = @"
`$ErrorActionPreference = 'Stop'
Add-Type -Path '$other'
Import-Module '$(Get-EipModulePath)'
`$ep = Start-ProvisioningEndpoint -SetManagedIdentityEnvironment
try {
    Connect-EntraProvisioning -ManagedIdentity -GraphUri `$ep.Uri -ServicePrincipalId `$ep.ServicePrincipalId
    `$result = @{ Id = '1'; Upn = 'u@contoso.example' } | ConvertTo-ScimUser -Mapping @{ externalId = 'Id'; userName = 'Upn' } | New-ScimBulkRequest | Send-ScimBulkRequest
} finally { Stop-ProvisioningEndpoint `$ep }
`$versions = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'Azure.Core' } |
    ForEach-Object { '{0}@{1}' -f `$_.GetName().Version.ToString(2), [Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_).Name }
"`$(`$result.Status);`$((`$versions | Sort-Object) -join ';')"
"@
        $result = & dotnet pwsh -NoProfile -NonInteractive -Command $script
        $LASTEXITCODE | Should -Be 0
        $result | Should -Be 'Accepted;1.44@Default;1.50@EntraInboundProvisioning'
    }

    It 'exports the cmdlets the manifest names' {
        $manifest = Import-PowerShellDataFile (Get-EipModulePath)
        $module = Import-Module (Get-EipModulePath) -PassThru -Force
        @($module.ExportedCmdlets.Keys | Sort-Object) | Should -Be @($manifest.CmdletsToExport | Sort-Object)
    }
}
