# Shared by the Pester suites: where the built module and the sample files are, and temporary CSV files.

function Get-EipModulePath { $env:EIP_MODULE_PATH }

function Get-RepoRoot { [IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../..')) }

# The project's own sample data (samples/ in the repository): every clone has it.
function Get-OwnSamplePath([string] $Name) { Join-Path (Get-RepoRoot) "samples/$Name" }

# Microsoft's sample HR files beside the repository in ../shared: CI has them, a user's clone may not.
function Get-SampleFolder {
    [IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../../../shared/anchors/entra-sample'))
}

function Get-SamplePath([string] $Name) { Join-Path (Get-SampleFolder) $Name }

function Get-Csv2ScimFolder {
    [IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../../../shared/anchors/csv2scim'))
}

# Call first thing inside an It that compares with Microsoft's samples: marks it skipped, with the reason, when
# ../shared is not beside the repository, and returns $true so that the test can return at once:
#     It '...' { if (Skip-WithoutSharedAnchors) { return }; ... }
function Skip-WithoutSharedAnchors {
    if ((Test-Path (Get-SampleFolder)) -and (Test-Path (Get-Csv2ScimFolder))) { return $false }
    Set-ItResult -Skipped -Because "it needs Microsoft's sample files in $([IO.Path]::GetDirectoryName((Get-SampleFolder))), which this clone does not have beside it"
    $true
}

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
