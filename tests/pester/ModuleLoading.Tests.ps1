BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force

    # Runs $Work in a new session that loaded another version of an assembly first, as Az.Accounts or
    # Microsoft.Graph.Authentication do; returns "<what $Work gave>;<version>@<load context>;..." for that assembly.
    function Invoke-BesideAssembly([string] $AssemblyPath, [string] $Work) {
        $AssemblyPath | Should -Exist
        $name = [Reflection.AssemblyName]::GetAssemblyName($AssemblyPath).Name
        $script = @"
`$ErrorActionPreference = 'Stop'
Add-Type -Path '$AssemblyPath'
Import-Module '$(Get-EipModulePath)'
`$result = & { $Work }
`$versions = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq '$name' } |
    ForEach-Object { '{0}@{1}' -f `$_.GetName().Version.ToString(2), [Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_).Name }
"`$result;`$((`$versions | Sort-Object) -join ';')"
"@
        $output = & dotnet pwsh -NoProfile -NonInteractive -Command $script
        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        $output
    }
}

Describe 'Module loading' {
    It 'works in a session that already loaded another version of CsvHelper' {
        $result = Invoke-BesideAssembly (Join-Path (Get-NuGetPackageFolder) 'csvhelper/30.0.1/lib/net6.0/CsvHelper.dll') `
            "(Import-HrCsv '$(Get-OwnSamplePath 'workers.csv')').Count"
        $result | Should -Be '1000;30.0@Default;34.0@EntraInboundProvisioning'
    }

    It 'sends in a session that already loaded another version of Azure.Core, as Az.Accounts does' {
        $result = Invoke-BesideAssembly (Join-Path (Get-NuGetPackageFolder) 'azure.core/1.44.1/lib/net6.0/Azure.Core.dll') @'
$ep = Start-ProvisioningEndpoint -SetManagedIdentityEnvironment
try {
    Connect-EntraProvisioning -ManagedIdentity -GraphUri $ep.Uri -ServicePrincipalId $ep.ServicePrincipalId
    (@{ Id = '1'; Upn = 'u@contoso.example' } | ConvertTo-ScimUser -Mapping @{ externalId = 'Id'; userName = 'Upn'; active = { $true } } | New-ScimBulkRequest | Send-ScimBulkRequest).Status
} finally { Stop-ProvisioningEndpoint $ep }
'@
        $result | Should -Be 'Accepted;1.44@Default;1.50@EntraInboundProvisioning'
    }

    It 'exports the cmdlets the manifest names' {
        $manifest = Import-PowerShellDataFile (Get-EipModulePath)
        $module = Import-Module (Get-EipModulePath) -PassThru -Force
        @($module.ExportedCmdlets.Keys | Sort-Object) | Should -Be @($manifest.CmdletsToExport | Sort-Object)
    }
}
