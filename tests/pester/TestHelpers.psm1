# Shared by the Pester suites: where the built module and the sample files are, and temporary CSV files.

function Get-EipModulePath { $env:EIP_MODULE_PATH }

function Get-SampleFolder {
    [IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../../../shared/anchors/entra-sample'))
}

function Get-SamplePath([string] $Name) { Join-Path (Get-SampleFolder) $Name }

function New-TestCsv {
    param([Parameter(Mandatory)][AllowEmptyString()][string] $Content, [string] $Name = "$([guid]::NewGuid().ToString('N')).csv")
    $path = Join-Path ([IO.Path]::GetTempPath()) $Name
    [IO.File]::WriteAllText($path, $Content, [Text.UTF8Encoding]::new($false))
    $path
}

function Get-NuGetPackageFolder {
    ((dotnet nuget locals global-packages -l) -replace '^global-packages:\s*', '').Trim()
}

Export-ModuleMember -Function *
