<#
.SYNOPSIS
    The main job on the sample HR files: read, map, batch and write the bulk requests, then say what was produced
    and what was rejected.
#>
param([Parameter(Mandatory)][string] $ModulePath)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath -Force

$samples = [IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../../shared/anchors/entra-sample'))
$source = Join-Path $samples 'csv-with-1000-records.csv'
$mapping = Join-Path $PSScriptRoot 'AttributeMapping.psd1'
$outFolder = Join-Path ([IO.Path]::GetTempPath()) "eip-demo-$PID"

Write-Host "1. Checking the mapping $mapping against the SCIM schemas and the columns of $source"
$check = Import-HrCsv $source | Test-ScimMapping $mapping
if (-not $check.IsValid) { throw "The mapping is not valid: $($check.Problem)" }
Write-Host "   valid; schemas: $($check.Schemas -join ', ')"

Write-Host "2. Import-HrCsv | ConvertTo-ScimUser | New-ScimBulkRequest -OutFolder $outFolder"
$requests = Import-HrCsv $source -ErrorVariable +readErrors -ErrorAction SilentlyContinue |
    ConvertTo-ScimUser -Mapping $mapping -ErrorVariable +mapErrors -ErrorAction SilentlyContinue |
    New-ScimBulkRequest -OutFolder $outFolder -Force

$users = ($requests | Measure-Object Count -Sum).Sum
Write-Host ''
Write-Host 'Summary'
Write-Host "   rows rejected while reading : $(@($readErrors).Count)"
Write-Host "   records rejected by mapping : $(@($mapErrors).Count)"
$mapErrors | Group-Object { $_.FullyQualifiedErrorId.Split(',')[0] } | ForEach-Object { Write-Host "     $($_.Count) x $($_.Name)" }
Write-Host "   SCIM users produced         : $users"
Write-Host "   bulk requests written       : $($requests.Count) (in $outFolder)"
Write-Host ''
Write-Host 'The first rejected records:'
$mapErrors | Select-Object -First 3 | ForEach-Object { Write-Host "   $($_.Exception.Message)" }
Write-Host ''
$requests | Select-Object -First 3 | Format-Table | Out-String | Write-Host
Write-Host 'The first operation of the first request:'
(($requests[0].Json | ConvertFrom-Json).Operations[0] | ConvertTo-Json -Depth 6) | Write-Host
