<#
.SYNOPSIS
    The full cmdlet pipeline on one file, in a process of its own; prints one JSON line of figures.
#>
param([Parameter(Mandatory)][string] $ModulePath, [Parameter(Mandatory)][string] $Path, [Parameter(Mandatory)][string] $Mapping)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$users = 0; $requests = 0; $bytes = 0
$sink = [IO.Stream]::Null
$clock = [Diagnostics.Stopwatch]::StartNew()
Import-HrCsv $Path | ConvertTo-ScimUser -Mapping $Mapping | New-ScimBulkRequest | ForEach-Object {
    $requests++; $users += $_.Count; $bytes += $_.SizeBytes
    $_.WriteTo($sink)
}
$elapsed = $clock.Elapsed.TotalSeconds
$peak = if (Test-Path /proc/self/status) {
    [long](((Get-Content /proc/self/status | Where-Object { $_ -like 'VmHWM:*' }) -split '\s+')[1]) * 1024
} else { (Get-Process -Id $PID).PeakWorkingSet64 }
[pscustomobject]@{ users = $users; requests = $requests; bytes = $bytes; seconds = [math]::Round($elapsed, 3); peakBytes = $peak } | ConvertTo-Json -Compress
