<#
.SYNOPSIS
    A recurring sync's delta run on one file, in a process of its own; prints one JSON line of figures.
.DESCRIPTION
    -Seed fills a new state with every worker of the file, recording each request as accepted the way
    Send-ScimBulkRequest -State does on a 202 (nothing is sent: the bench measures the state, not the network).
    Without -Seed, the run is the day after: the pipeline with New-ScimBulkRequest -State on the changed file, each
    request recorded as accepted.
#>
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][string] $Path,
    [Parameter(Mandatory)][string] $Mapping,
    [Parameter(Mandatory)][string] $StatePath,
    [switch] $Seed
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$users = 0; $requests = 0
$clock = [Diagnostics.Stopwatch]::StartNew()
$state = Open-ProvisioningState $StatePath
try {
    $full = @{ Full = [bool]$Seed }
    Import-HrCsv $Path | ConvertTo-ScimUser -Mapping $Mapping | New-ScimBulkRequest -State $state @full -InformationVariable run | ForEach-Object {
        $requests++; $users += $_.Count
        $state.CurrentRun.RecordResult($_.Index, $_.ExternalIds, 'Accepted', 202, $null, $null, [DateTimeOffset]::UtcNow, $null)
    }
} finally { Close-ProvisioningState $state }
$elapsed = $clock.Elapsed.TotalSeconds
$peak = if (Test-Path /proc/self/status) {
    [long](((Get-Content /proc/self/status | Where-Object { $_ -like 'VmHWM:*' }) -split '\s+')[1]) * 1024
} else { (Get-Process -Id $PID).PeakWorkingSet64 }
$summary = $run.MessageData | Select-Object -Last 1
[pscustomobject]@{
    users = $users; requests = $requests; unchanged = $summary.Unchanged; changed = $summary.Changed; seconds = [math]::Round($elapsed, 3)
    peakBytes = $peak; stateBytes = (Get-Item $StatePath).Length
} | ConvertTo-Json -Compress
