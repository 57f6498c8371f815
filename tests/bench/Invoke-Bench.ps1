<#
.SYNOPSIS
    Speed and memory of the engine alone and of the full cmdlet pipeline on synthetic HR files, and the sending rate
    against the local endpoint.
.DESCRIPTION
    Targets (2 cores): 100k rows end to end in at most 5 s; peak memory for 1M rows under 300 MB (Azure
    Automation's sandbox has 400 MB); the pipeline within 3x of the engine alone. Sending: at 400 ms per call (a
    Graph call over the internet), at least 95% of the allowed 40 calls per 5 s, with no 429.
#>
param([Parameter(Mandatory)][string] $ModulePath, [string] $Rows = "10000,100000,1000000")
$ErrorActionPreference = 'Stop'
$root = [IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../..'))
$work = Join-Path $root 'out/bench'
$null = New-Item -ItemType Directory -Path $work -Force
$benchDll = Join-Path $work 'app/EntraInboundProvisioning.Bench.dll'
& dotnet publish (Join-Path $root 'tests/EntraInboundProvisioning.Bench/EntraInboundProvisioning.Bench.csproj') -c Release -o (Join-Path $work 'app') --nologo -v quiet | Out-Host
if ($LASTEXITCODE -ne 0) { throw 'The benchmark program did not build.' }
$mapping = Join-Path $root 'samples/AttributeMapping.psd1'

$results = foreach ($count in [int[]]($Rows -split ",")) {
    $file = Join-Path $work "hr-$count.v2.csv"
    if (-not (Test-Path $file)) { & dotnet $benchDll generate $count $file }
    $engine = & dotnet $benchDll engine $file | ConvertFrom-Json
    $pipeline = & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'Measure-Pipeline.ps1') -ModulePath $ModulePath -Path $file -Mapping $mapping | ConvertFrom-Json
    if ($engine.users -ne $count -or $pipeline.users -ne $count) { throw "Expected $count users, got $($engine.users) (engine) and $($pipeline.users) (pipeline)." }
    [pscustomobject]@{
        Rows                 = $count
        'Engine s'           = $engine.seconds
        'Engine rows/s'      = [math]::Round($count / $engine.seconds)
        'Engine peak MB'     = [math]::Round($engine.peakBytes / 1MB)
        'Pipeline s'         = $pipeline.seconds
        'Pipeline rows/s'    = [math]::Round($count / $pipeline.seconds)
        'Pipeline peak MB'   = [math]::Round($pipeline.peakBytes / 1MB)
        'Pipeline / engine'  = [math]::Round($pipeline.seconds / $engine.seconds, 1)
        Requests             = $pipeline.requests
    }
}
$results | Format-Table -AutoSize | Out-String -Width 200 | Write-Host
Write-Host 'Targets: 100k rows end to end <= 5 s; 1M rows peak < 300 MB; pipeline <= 3x engine. Peak is the process''s resident high-water mark (VmHWM), PowerShell itself included.'

$sends = foreach ($latency in 0, 200, 400) {
    $send = & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'Measure-Send.ps1') -ModulePath $ModulePath -LatencyMs $latency | ConvertFrom-Json
    if ($send.accepted -ne $send.requests) { throw "Sending at $latency ms: only $($send.accepted) of $($send.requests) requests were accepted." }
    [pscustomobject]@{
        'Latency ms'         = $send.latencyMs
        Requests             = $send.requests
        'In flight'          = $send.throttleLimit
        Seconds              = $send.seconds
        'Calls/s'            = $send.callsPerSec
        'Share of 40 per 5s' = '{0:P1}' -f $send.share
        '429s'               = $send.throttled
        'Peak MB'            = [math]::Round($send.peakBytes / 1MB)
    }
}
$sends | Format-Table -AutoSize | Out-String -Width 200 | Write-Host
Write-Host 'Target: at 400 ms latency, >= 95% of the allowed rate (5 s over the average time from a call to the 40th after it) with 0 x 429.'

# A recurring sync: the state is filled with every worker (seed), then the day after's export, with 1% of the workers
# changed, goes through New-ScimBulkRequest -State.
$delta = foreach ($count in [int[]]($Rows -split ",") | Where-Object { $_ -ge 100000 }) {
    $file = Join-Path $work "hr-$count.v2.csv"
    $changedFile = Join-Path $work "hr-$count.v2-1pct.csv"
    if (-not (Test-Path $changedFile)) {
        $line = 0
        $writer = [IO.StreamWriter]::new($changedFile, $false, [Text.UTF8Encoding]::new($false))
        try {
            foreach ($text in [IO.File]::ReadLines($file)) {
                $writer.Write($(if ($line -gt 0 -and $line % 100 -eq 0) { $text.Replace('"Engineer, Senior"', '"Engineer, Principal"') } else { $text }))
                $writer.Write("`n")
                $line++
            }
        } finally { $writer.Dispose() }
    }
    $statePath = Join-Path $work "state-$count.db"
    Remove-Item "$statePath*" -ErrorAction SilentlyContinue
    $measure = Join-Path $PSScriptRoot 'Measure-Delta.ps1'
    $seed = & dotnet pwsh -NoProfile -NonInteractive -File $measure -ModulePath $ModulePath -Path $file -Mapping $mapping -StatePath $statePath -Seed | ConvertFrom-Json
    $run = & dotnet pwsh -NoProfile -NonInteractive -File $measure -ModulePath $ModulePath -Path $changedFile -Mapping $mapping -StatePath $statePath | ConvertFrom-Json
    if ($seed.users -ne $count -or $run.changed -ne [math]::Floor(($count) / 100)) { throw "Expected $count workers seeded and $([math]::Floor($count / 100)) changed, got $($seed.users) and $($run.changed)." }
    [pscustomobject]@{
        Workers          = $count
        'Seed s'         = $seed.seconds
        'Seed peak MB'   = [math]::Round($seed.peakBytes / 1MB)
        'Delta s'        = $run.seconds
        'Delta peak MB'  = [math]::Round($run.peakBytes / 1MB)
        Changed          = $run.changed
        Sent             = $run.users
        Requests         = $run.requests
        'State MB'       = [math]::Round($run.stateBytes / 1MB, 1)
    }
}
if ($delta) {
    $delta | Format-Table -AutoSize | Out-String -Width 200 | Write-Host
    Write-Host 'A recurring sync with 1% changed: only the changed workers are sent; target peak < 300 MB at 1M workers (whole process).'
}
