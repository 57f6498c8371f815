<#
.SYNOPSIS
    The main job on the sample HR files, as far as the module goes today.
#>
param([Parameter(Mandatory)][string] $ModulePath)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath -Force

$samples = [IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../../shared/anchors/entra-sample'))
if (-not (Test-Path $samples)) { $samples = Join-Path $PSScriptRoot 'data' }

Write-Host "Reading the sample HR exports in $samples"
$rows = Import-HrCsv (Join-Path $samples '*.csv') -Verbose 4>&1 | ForEach-Object {
    if ($_ -is [Management.Automation.VerboseRecord]) { Write-Host "  $($_.Message)" } else { $_ }
}
Write-Host "$($rows.Count) rows read. The first three:"
$rows | Select-Object -First 3 WorkerID, FullName, WorkerType, Department, ManagerID | Format-Table | Out-String | Write-Host
Write-Host 'Rows per worker type:'
$rows | Group-Object WorkerType -NoElement | Sort-Object Name | Format-Table Count, Name | Out-String | Write-Host
