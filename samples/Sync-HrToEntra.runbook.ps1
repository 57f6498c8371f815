<#
.SYNOPSIS
    Sends an HR export to Microsoft Entra API-driven inbound provisioning: a runbook for Azure Automation's
    PowerShell 7.4 runtime environment.
.DESCRIPTION
    Signs in with the Automation account's managed identity, reads the HR export (Import-HrCsv), maps each row to a
    SCIM user (ConvertTo-ScimUser with a CSV2SCIM AttributeMapping.psd1), packs the users into bulk requests of at
    most 50 (New-ScimBulkRequest) and sends them (Send-ScimBulkRequest). It runs unattended: nothing prompts.

    With -StatePath it is the recurring sync a schedule runs every day: it opens the sync's state (a blob, which the
    sandbox does not forget, or a file), records what the service did with earlier sends (Get-ProvisioningLog -State),
    sends only the workers that are new, changed or failed last time, disables the workers gone from the export
    (-Leavers Disable, behind the disable guard: -MaxDisables, -MaxDisablesPercent), records every accepted request so
    that a run stopped halfway (a crash, the daily quota) goes on where it stopped, and closes the state whatever
    happens. It writes the run report (Export-ProvisioningReport -BesideState) beside the state, before closing it
    (or, when a problem stopped the run before everything was sent, from the state reopened after closing, so that the
    run shows as interrupted): for a blob state a blob of the same name with .report.html, uploaded with the state's
    own sign-in; for a file, a file in its folder. The summary's ReportLocation says where. Without -StatePath every worker is sent on every run.

    Rows the reader rejects, records the mapping rejects and requests the service refuses do not stop the run: they
    are collected, counted, and written to the error stream (the first 100; a warning says how many more). The run
    ends with one summary object on the output stream: ExportPath and StatePath (without a SAS), RowsRead,
    RowsRejected, RecordsRejected, UsersMapped, WorkersSent, RequestsAccepted, RequestsFailed, RequestsUnknown,
    RequestsNotSent, Errors, ErrorIds, Completed; with a state also LogEntriesRead, Unchanged, New, Changed, Leavers,
    Disables and ReportLocation (where the report was written; null when it could not be). RowsRejected counts rows,
    not errors: many rows rejected alike are five errors of their own and one ImportHrCsvRowsRejectedAlike that counts
    them all and names their lines; Errors and ErrorIds count the errors.

    A problem that stops the run (the module, the export or the mapping cannot be found, the sign-in fails, the
    mapping is invalid, the tenant's daily quota is spent or the service cannot be reached, so that requests are left
    NotSent, another run holds the state, the disable guard stops the run) still closes the state, writes the report
    and the summary of what was done, then throws,
    so that the Automation job ends as Failed (and pwsh -File exits non-zero).

    The managed identity needs the Microsoft Graph application permissions SynchronizationData-User.Upload (to send),
    Synchronization.Read.All (to find and check the provisioning job) and, when -ServicePrincipalId is an application
    id, Application.Read.All, and with -StatePath AuditLog.Read.All (to read the provisioning logs; without it the
    run goes on with an error, and workers that failed are not sent again until it can); see the module's README. To
    read the export from Azure Storage it needs Storage Blob Data Reader (or Storage File Data Privileged Reader) on
    the account, and for a state kept as a blob Storage Blob Data Contributor on its container, unless the URLs carry
    a SAS.
.PARAMETER ExportPath
    The HR export (CSV) to send: the https URL of a blob or of a file in an Azure file share (read as it streams,
    with the managed identity, or with the SAS the URL carries), or a path in the sandbox or on a Hybrid Runbook
    Worker. Only the URL's last segment may hold a wildcard (.../exports/workers-*.csv), or it may end in / for a
    folder: every match is read, in name order, or with -Latest only the newest. With -StatePath such a URL needs
    -Latest and is refused without it: a recurring sync reads one export, and several exports of different days read
    together would let the oldest rows win (the newer ones rejected as duplicates) and hide the leavers.
.PARAMETER Latest
    Of the exports a wildcard or folder in -ExportPath matches, read only the one modified last (for a path, written
    last): the day's export, when the HR system drops a dated file every day.
.PARAMETER StatePath
    The state of the recurring sync: the https URL of a blob (https://<account>.blob.core.windows.net/<container>/hr-sync.db,
    with the managed identity or the SAS the URL carries; created on the first run) or a path on a Hybrid Runbook
    Worker. One state per provisioning job. Without it every worker is sent on every run and no report is written.
.PARAMETER Leavers
    With -StatePath: Disable (the default) sends active = false for the workers the state holds as active who are
    absent from this export; Ignore leaves them as they are.
.PARAMETER MaxDisables
    With -StatePath: the most workers one run may disable (leavers and workers whose active turns false); above it
    the run sends nothing and fails. Without it, only -MaxDisablesPercent limits.
.PARAMETER MaxDisablesPercent
    With -StatePath: the most workers one run may disable, in percent of the active workers (5 by default).
.PARAMETER MappingPath
    The CSV2SCIM AttributeMapping.psd1 that maps the export's columns to SCIM attributes.
.PARAMETER ServicePrincipalId
    The API-driven provisioning app: the object id of its service principal, or its application (client) id.
    Its only provisioning job is found; name the job with -JobId when it has several.
.PARAMETER JobId
    The provisioning job, when the app has more than one.
.PARAMETER ManagedIdentityClientId
    The client id of a user-assigned managed identity; without it, the Automation account's system-assigned
    identity signs in.
.PARAMETER Environment
    The cloud: Global (the default), USGov, USGovDoD or China.
.PARAMETER GraphUri
    Another Microsoft Graph address, for tests: the local provisioning endpoint that Start-ProvisioningEndpoint
    starts (plain http is accepted only to loopback).
.EXAMPLE
    ./Sync-HrToEntra.runbook.ps1 -ExportPath $env:TEMP/workers.csv -MappingPath $env:TEMP/AttributeMapping.psd1 -ServicePrincipalId 6a1c5f6e-0000-4000-8000-00000000a001

    Sends the export to the app's provisioning job and writes the summary, for example:
    RowsRead 1000, RowsRejected 0, RecordsRejected 40, UsersMapped 960, WorkersSent 960, RequestsAccepted 20,
    RequestsFailed 0, RequestsUnknown 0, RequestsNotSent 0, Errors 40, ErrorIds ConvertToScimUserDuplicateExternalId=40,
    Completed True.
.EXAMPLE
    ./Sync-HrToEntra.runbook.ps1 -ExportPath https://contosohr.blob.core.windows.net/exports/workers-*.csv -Latest -MappingPath $env:TEMP/AttributeMapping.psd1 -ServicePrincipalId 6a1c5f6e-0000-4000-8000-00000000a001 -StatePath https://contosohr.blob.core.windows.net/state/hr-sync.db -MaxDisables 50

    The daily recurring sync: reads the newest of the dated exports (workers-20261129.csv rather than
    workers-20261128.csv), sends only what changed since the last run, disables at most 50 leavers, and writes
    https://contosohr.blob.core.windows.net/state/hr-sync.report.html beside the state (the summary's ReportLocation).
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string] $ExportPath,
    [switch] $Latest,
    [Parameter(Mandatory)][string] $MappingPath,
    [Parameter(Mandatory)][Alias('AppId')][string] $ServicePrincipalId,
    [string] $JobId,
    [string] $ManagedIdentityClientId,
    [ValidateSet('Global', 'USGov', 'USGovDoD', 'China')][string] $Environment = 'Global',
    [uri] $GraphUri,
    [string] $StatePath,
    [ValidateSet('Disable', 'Ignore')][string] $Leavers = 'Disable',
    [ValidateRange(0, [int]::MaxValue)][int] $MaxDisables,
    [ValidateRange(0, 100)][double] $MaxDisablesPercent
)

$ErrorActionPreference = 'Stop'
# Progress records only fill the job's streams in Azure Automation.
$ProgressPreference = 'SilentlyContinue'
$ErrorsShown = 100

$rowsRead = 0
$usersMapped = 0
$results = [Collections.Generic.List[object]]::new()
$readErrors = [Collections.Generic.List[Management.Automation.ErrorRecord]]::new()
$mapErrors = [Collections.Generic.List[Management.Automation.ErrorRecord]]::new()
$sendErrors = [Collections.Generic.List[Management.Automation.ErrorRecord]]::new()
$stateErrors = [Collections.Generic.List[Management.Automation.ErrorRecord]]::new()
$fatal = $null
$state = $null
$stateLocation = $null
$logEntriesRead = $null
$runSummary = $null
$reportLocation = $null
# A SAS is a secret: the summary shows URLs without their query.
function Hide-Query([string] $Text) { if ($Text -match '^https?://') { $Text.Split('?')[0] } else { $Text } }

try {
    Import-Module EntraInboundProvisioning
    $exportIsUri = $ExportPath -match '^https?://'
    if ($StatePath -and -not $Latest -and $exportIsUri -and (Hide-Query $ExportPath) -match '\*|/$') {
        throw [Management.Automation.ErrorRecord]::new([ArgumentException]::new(
                "The ExportPath '$(Hide-Query $ExportPath)' can match several exports, and a recurring sync (-StatePath) reads one: " +
                "read together, an older export's rows would win over the newer ones and its leavers would go unseen. " +
                "Add -Latest to read only the newest match, or name the one export."),
            'SyncHrToEntraSeveralExports', [Management.Automation.ErrorCategory]::InvalidArgument, (Hide-Query $ExportPath))
    }
    foreach ($file in @{ ExportPath = $ExportPath; MappingPath = $MappingPath }.GetEnumerator()) {
        $wildcards = $Latest -and $file.Key -eq 'ExportPath'
        if ($file.Value -notmatch '^https?://' -and -not ($(if ($wildcards) { Test-Path -Path $file.Value -PathType Leaf } else { Test-Path -LiteralPath $file.Value -PathType Leaf }))) {
            throw "The $($file.Key) '$($file.Value)' is not a file this runbook can read. Write it to the sandbox (or the Hybrid Worker) before this step."
        }
    }

    $connect = @{ ManagedIdentity = $true; ServicePrincipalId = $ServicePrincipalId; Environment = $Environment }
    if ($JobId) { $connect.JobId = $JobId }
    if ($ManagedIdentityClientId) { $connect.ClientId = $ManagedIdentityClientId }
    if ($GraphUri) { $connect.GraphUri = $GraphUri }
    Connect-EntraProvisioning @connect

    $withState = @{}
    $sync = @{}
    if ($StatePath) {
        $state = Open-ProvisioningState $StatePath
        $stateLocation = $state.Location
        $withState.State = $state
        $sync = @{ State = $state; Leavers = $Leavers }
        if ($PSBoundParameters.ContainsKey('MaxDisables')) { $sync.MaxDisables = $MaxDisables }
        if ($PSBoundParameters.ContainsKey('MaxDisablesPercent')) { $sync.MaxDisablesPercent = $MaxDisablesPercent }
        # The outcomes of earlier sends: failed workers are sent again. Without the logs the sync still runs.
        try { $logEntriesRead = @(Get-ProvisioningLog -State $state).Count }
        catch { $stateErrors.Add($_) }
    }

    # ForEach-Object runs in this scope, so the counters see every row and user as they stream past.
    $source = if ($exportIsUri) { @{ Uri = $ExportPath } } elseif ($Latest) { @{ Path = $ExportPath } } else { @{ LiteralPath = $ExportPath } }
    if ($Latest) { $source.Latest = $true }
    Import-HrCsv @source @withState -ErrorVariable +readErrors -ErrorAction SilentlyContinue |
        ForEach-Object { $rowsRead++; $_ } |
        ConvertTo-ScimUser -Mapping $MappingPath @withState -ErrorVariable +mapErrors -ErrorAction SilentlyContinue |
        ForEach-Object { $usersMapped++; $_ } |
        New-ScimBulkRequest @sync -InformationVariable runInformation |
        Send-ScimBulkRequest @withState -Confirm:$false -ErrorVariable +sendErrors -ErrorAction SilentlyContinue |
        ForEach-Object { $results.Add($_) }
}
catch {
    $fatal = $_
}
finally {
    if ($state) {
        $runSummary = @($runInformation | Where-Object Tags -Contains 'ProvisioningRunSummary') | Select-Object -Last 1 -ExpandProperty MessageData
        # Send-ScimBulkRequest ends the run's record once every request is sent, so the open state's report shows the
        # run ended. A run stopped before that is marked interrupted only by the close: its report is read from the
        # state reopened. A report that cannot be written is an error of the run, not its end.
        $reportBeforeClose = -not $fatal
        if ($reportBeforeClose) {
            try { $reportLocation = (Export-ProvisioningReport -State $state -BesideState -PassThru -Confirm:$false).Location }
            catch { $stateErrors.Add($_) }
        }
        try { Close-ProvisioningState $state }
        catch { if (-not $fatal) { $fatal = $_ } }
        if (-not $reportBeforeClose) {
            try {
                $closed = Open-ProvisioningState $StatePath
                try { $reportLocation = (Export-ProvisioningReport -State $closed -BesideState -PassThru -Confirm:$false).Location }
                finally { Close-ProvisioningState $closed }
            }
            catch { $stateErrors.Add($_) }
        }
    }
    if (Get-Command Disconnect-EntraProvisioning -ErrorAction SilentlyContinue) { Disconnect-EntraProvisioning }
}

$errors = @($stateErrors) + @($readErrors) + @($mapErrors) + @($sendErrors)
$errors | Select-Object -First $ErrorsShown | ForEach-Object { Write-Error -ErrorRecord $_ -ErrorAction Continue }
if ($errors.Count -gt $ErrorsShown) {
    Write-Warning "$($errors.Count - $ErrorsShown) more errors are counted in the summary's ErrorIds but not shown."
}

$accepted = @($results | Where-Object Status -eq 'Accepted')
# A stop (the daily quota, the service unreachable, a refused sign-in) leaves requests NotSent: the job must fail.
if (-not $fatal -and @($results | Where-Object Status -eq 'NotSent').Count -gt 0) {
    $fatal = $sendErrors | Select-Object -Last 1
}
$errorIds = @($errors | ForEach-Object { $_.FullyQualifiedErrorId.Split(',')[0] })
if ($fatal -and $errors -notcontains $fatal) { $errorIds += $fatal.FullyQualifiedErrorId.Split(',')[0] }
$summary = [ordered]@{
    ExportPath       = Hide-Query $ExportPath
    StatePath        = if ($StatePath) { if ($stateLocation) { $stateLocation } else { Hide-Query $StatePath } } else { $null }
    RowsRead         = $rowsRead
    # Rows, not error records: rows rejected alike are said once more at the end, by one error that counts them all.
    RowsRejected     = [long](@($readErrors | ForEach-Object { if ($_.FullyQualifiedErrorId -like 'ImportHrCsvRowsRejectedAlike*') { $_.TargetObject.RowCount - $_.TargetObject.ReportedOneByOne } else { 1 } }) | Measure-Object -Sum).Sum
    RecordsRejected  = $rowsRead - $usersMapped
    UsersMapped      = $usersMapped
    WorkersSent      = [int]($accepted | Measure-Object Count -Sum).Sum
    RequestsAccepted = $accepted.Count
    RequestsFailed   = @($results | Where-Object Status -eq 'Failed').Count
    # Sent without an answer: check their workers' logs before sending them again (Get-ProvisioningLog -ExternalId).
    RequestsUnknown  = @($results | Where-Object Status -eq 'Unknown').Count
    # Left unsent by a stop (the daily quota, the service unreachable): send them in a later run.
    RequestsNotSent  = @($results | Where-Object Status -eq 'NotSent').Count
    Errors           = $errorIds.Count
    ErrorIds         = ($errorIds | Group-Object | Sort-Object Name | ForEach-Object { "$($_.Name)=$($_.Count)" }) -join '; '
    Completed        = $null -eq $fatal
}
if ($StatePath) {
    $summary.LogEntriesRead = $logEntriesRead
    foreach ($figure in 'Unchanged', 'New', 'Changed', 'Leavers', 'Disables') { $summary[$figure] = if ($runSummary) { $runSummary.$figure } else { $null } }
    # Where the report is: the output stream says it, for the job's output in the portal.
    $summary.ReportLocation = $reportLocation
}
[pscustomobject]$summary

if ($fatal) { throw $fatal }
