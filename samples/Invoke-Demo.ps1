<#
.SYNOPSIS
    The main job, with no tenant: the sample HR export is read, mapped, batched and sent to the local provisioning
    endpoint (signed in with a managed identity, as in Azure Automation), and the provisioning logs are read back.
    Then a scheduled sync over two days with a state, whose report is written to -ReportPath (out/report.html
    beside the built module by default).
#>
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [string] $ReportPath = (Join-Path (Split-Path (Split-Path $ModulePath)) 'report.html')
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath -Force

# The project's own sample export (samples/New-SampleHrExport.ps1 writes it): 1000 rows, 960 workers.
$source = Join-Path $PSScriptRoot 'workers.csv'
$mapping = Join-Path $PSScriptRoot 'AttributeMapping.psd1'
$outFolder = Join-Path ([IO.Path]::GetTempPath()) "eip-demo-$PID"

Write-Host "1. Checking the mapping $mapping against the SCIM schemas and the columns of $source"
$check = Import-HrCsv $source | Test-ScimMapping $mapping
if (-not $check.IsValid) { throw "The mapping is not valid: $($check.Problem)" }
Write-Host "   valid; schemas: $($check.Schemas -join ', ')"

Write-Host '2. Starting the local provisioning endpoint, with a managed identity as Azure Automation gives one'
$endpoint = Start-ProvisioningEndpoint -ProcessingDelay ([timespan]::FromSeconds(1)) -SetManagedIdentityEnvironment
try {
    Write-Host "   listening on $($endpoint.Uri); IDENTITY_ENDPOINT=$env:IDENTITY_ENDPOINT"
    Connect-EntraProvisioning -ManagedIdentity -GraphUri $endpoint.Uri -ServicePrincipalId $endpoint.AppId
    Write-Host "   signed in; the app's only job was found: $($endpoint.JobId)"

    Write-Host "3. Import-HrCsv | ConvertTo-ScimUser | New-ScimBulkRequest -OutFolder | Send-ScimBulkRequest"
    $results = Import-HrCsv $source -ErrorVariable +readErrors -ErrorAction SilentlyContinue |
        ConvertTo-ScimUser -Mapping $mapping -ErrorVariable +mapErrors -ErrorAction SilentlyContinue |
        New-ScimBulkRequest -OutFolder $outFolder -Force |
        Send-ScimBulkRequest

    Write-Host ''
    Write-Host 'What was sent'
    Write-Host "   rows rejected while reading : $(@($readErrors).Count)"
    Write-Host "   records rejected by mapping : $(@($mapErrors).Count)"
    $mapErrors | Group-Object { $_.FullyQualifiedErrorId.Split(',')[0] } | ForEach-Object { Write-Host "     $($_.Count) x $($_.Name)" }
    Write-Host "   the first: $($mapErrors[0].Exception.Message)"
    Write-Host "   requests accepted           : $(@($results | Where-Object Status -eq Accepted).Count) of $(@($results).Count) (saved in $outFolder)"
    Write-Host "   workers sent                : $(($results | Measure-Object Count -Sum).Sum)"
    $results | Select-Object -First 3 | Format-Table | Out-String | Write-Host

    Write-Host '4. Get-ProvisioningLog -Wait: what the service did with each worker'
    $logs = $results | Get-ProvisioningLog -Wait -PollInterval ([timespan]::FromSeconds(1)) -Timeout ([timespan]::FromMinutes(2))
    Write-Host "   $(@($logs).Count) log entries for $(@($logs.ExternalId | Sort-Object -Unique).Count) workers"
    $logs | Group-Object Action, Status | Sort-Object Name | Format-Table Count, Name -AutoSize | Out-String | Write-Host
    $logs | Where-Object Status -ne 'success' | Select-Object -First 3 | Format-Table ExternalId, Action, Status, ErrorCode, Reason -Wrap | Out-String | Write-Host

    Write-Host '5. What the endpoint provisioned (its directory)'
    $users = Invoke-RestMethod "$($endpoint.Uri)_local/directory" -Authentication Bearer -Token $endpoint.Token -AllowUnencryptedAuthentication
    Write-Host "   $(@($users).Count) users; the first:"
    $users | Select-Object -First 3 externalId, userName, displayName, active, managerExternalId | Format-Table | Out-String | Write-Host

    Write-Host '6. A scheduled sync over two days, with a state (samples/workers.csv)'
    $day = Join-Path ([IO.Path]::GetTempPath()) "eip-demo-sync-$PID"
    New-Item -ItemType Directory $day -Force | Out-Null
    $stateFile = Join-Path $day 'hr-sync.db'
    $workers = @(Import-Csv (Join-Path $PSScriptRoot 'workers.csv') | Group-Object WorkerID | ForEach-Object { $_.Group[0] })
    $active = @($workers | Where-Object WorkerStatus -eq 'Active')
    $gone = $active[10..14].WorkerID
    $changed = $active[20..29].WorkerID
    $day2 = foreach ($row in $workers) {
        if ($row.WorkerID -in $gone) { continue }
        $copy = $row.PSObject.Copy()
        if ($row.WorkerID -in $changed) { $copy.Department = 'Transformation' }
        $copy
    }
    # The third new worker has no UPN: the service cannot create a user without userName, and the report shows why.
    $new = foreach ($n in 1..3) {
        $copy = $active[$n].PSObject.Copy(); $copy.WorkerID = "70000$n"; $copy.UserID = "NEW70000$n"
        if ($n -eq 3) { $copy.UserPrincipalName = '' }
        $copy
    }
    $day2Export = Join-Path $day 'workers-day2.csv'
    @($day2) + @($new) | Export-Csv $day2Export -NoTypeInformation -Encoding utf8NoBOM

    foreach ($export in (Join-Path $PSScriptRoot 'workers.csv'), $day2Export) {
        $state = Open-ProvisioningState $stateFile
        try {
            Get-ProvisioningLog -State $state | Out-Null
            $sent = Import-HrCsv $export -State $state |
                ConvertTo-ScimUser -Mapping $mapping -State $state -ErrorAction SilentlyContinue |
                New-ScimBulkRequest -State $state -Leavers Disable -MaxDisables 50 -InformationVariable run |
                Send-ScimBulkRequest -State $state
            $summary = $run.MessageData
            Write-Host "   $([IO.Path]::GetFileName($export)): $($summary.Input) workers; $($summary.Unchanged) unchanged, $($summary.New) new, $($summary.Changed) changed, $($summary.Leavers) gone (disabled); $(@($sent).Count) requests, $(($sent | Measure-Object Count -Sum).Sum) workers sent"
            if ($summary.ChangedAttributes.Count) { Write-Host "     changed: $(($summary.ChangedAttributes.GetEnumerator() | ForEach-Object { '{0} ({1})' -f $_.Key, $_.Value }) -join ', ')" }
        } finally { Close-ProvisioningState $state }
    }
    Write-Host "   day 2 sent only: $($changed.Count) changed, $($gone.Count) gone, $(@($new).Count) new (one without a UPN)"
    # The endpoint applies uploads within seconds (the service takes 5-10 minutes); then the logs go into the state.
    while ((Invoke-RestMethod "$($endpoint.Uri)_local/info").pendingUploads -gt 0) { Start-Sleep -Milliseconds 200 }
    $state = Open-ProvisioningState $stateFile
    try {
        Get-ProvisioningLog -State $state | Out-Null
        Get-ProvisioningState $state | Format-List Workers, Active, Inactive, FailedLastTime, ManagerUnresolved, Runs, SizeBytes | Out-String | Write-Host
        $report = Export-ProvisioningReport -State $state -Path $ReportPath -PassThru
        Write-Host "7. The report of the scheduled sync (last run, outcomes, failures, last runs charted): $ReportPath"
        $failed = [int]($report.Failures | Measure-Object Workers -Sum).Sum
        Write-Host "   $($report.CallsLast24Hours) of $($report.DailyQuota) calls in 24 h; $failed worker$(if ($failed -ne 1) { 's' }) failed; open it in a browser"
    } finally { Close-ProvisioningState $state }
    Remove-Item $day -Recurse -Force
}
finally {
    Disconnect-EntraProvisioning
    Stop-ProvisioningEndpoint $endpoint
}
