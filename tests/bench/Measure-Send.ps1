<#
.SYNOPSIS
    Send-ScimBulkRequest against the local endpoint (rate limit 40 calls per 5 s, every answer slowed by -LatencyMs),
    in a process of its own; prints one JSON line of figures.
.DESCRIPTION
    The share of the allowed rate is 5 s over the average time between a call and the 40th after it (the service's
    sliding window): 100% is every window full. 429s are the attempts beyond one per request (no other fault is on).
#>
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [int] $LatencyMs = 400,
    [int] $Requests = 120,
    [int] $ThrottleLimit = 8
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$endpoint = Start-ProvisioningEndpoint -ProcessingDelay 1
try {
    $faults = @{ rateLimitCalls = 40; rateLimitWindow = '00:00:05'; dailyQuota = 0; latency = [timespan]::FromMilliseconds($LatencyMs).ToString() } | ConvertTo-Json
    $null = Invoke-RestMethod "$($endpoint.Uri)_local/faults" -Method Put -Body $faults -ContentType 'application/json' -Authentication Bearer -Token $endpoint.Token -AllowUnencryptedAuthentication
    Connect-EntraProvisioning -LocalEndpoint $endpoint
    $batches = 1..($Requests * 50) | ForEach-Object { @{ Id = "B$_"; Upn = "b$_@contoso.example"; Name = "Worker $_" } } |
        ConvertTo-ScimUser -Mapping @{ externalId = 'Id'; userName = 'Upn'; displayName = 'Name'; active = { $true } } | New-ScimBulkRequest

    $clock = [Diagnostics.Stopwatch]::StartNew()
    $results = $batches | Send-ScimBulkRequest -ThrottleLimit $ThrottleLimit
    $elapsed = $clock.Elapsed.TotalSeconds

    $sent = @($results.SentAt | Sort-Object)
    $spans = for ($k = 0; $k + 40 -lt $sent.Count; $k++) { ($sent[$k + 40] - $sent[$k]).TotalSeconds }
    $share = if ($spans) { 5 / ($spans | Measure-Object -Average).Average } else { 0 }
    $peak = if (Test-Path /proc/self/status) {
        [long](((Get-Content /proc/self/status | Where-Object { $_ -like 'VmHWM:*' }) -split '\s+')[1]) * 1024
    } else { (Get-Process -Id $PID).PeakWorkingSet64 }
    [pscustomobject]@{
        latencyMs     = $LatencyMs
        throttleLimit = $ThrottleLimit
        requests      = $results.Count
        accepted      = @($results | Where-Object Status -eq Accepted).Count
        seconds       = [math]::Round($elapsed, 2)
        callsPerSec   = [math]::Round($results.Count / $elapsed, 2)
        share         = [math]::Round($share, 3)
        throttled     = ($results | Measure-Object Attempts -Sum).Sum - $results.Count
        peakBytes     = $peak
    } | ConvertTo-Json -Compress
}
finally {
    Disconnect-EntraProvisioning
    Stop-ProvisioningEndpoint $endpoint
}
