@{
    Synopsis    = 'Writes the state of a recurring sync as one self-contained HTML report: the last run, the service''s outcomes, failures by reason, and the last runs charted.'
    Description = @'
Export-ProvisioningReport reads a state from Open-ProvisioningState and writes one HTML file that opens anywhere, from
an email attachment or a storage account: inline CSS and inline SVG charts, no script, font, image or link to fetch.
The page shows the last run (workers new, changed, unchanged, sent again, leavers and disables; requests accepted,
failed and unknown; workers a stop left unsent; the time taken), the bulkUpload calls this job made in the last 24
hours against the tenant's daily quota (-DailyQuota; other jobs' calls are not known to the module, and the page says
so), each worker's latest provisioning log entry counted by action and status, failures grouped by reason with a few
example workers (externalId, source file and line) and the requests the service refused, the managers not resolved,
the workers waiting for a log entry, and charts of workers sent, failures and calls per day over the last runs, each
with a text description and a table of the same figures. Headings, tables with captions and text alternatives make
it readable with a screen reader; it fits a narrow window and prints. Every value is HTML-encoded; the state holds no
secret and neither does the page. Read the logs into the state first (Get-ProvisioningLog -State) for the outcomes
to be current. With -PassThru the same figures are written as an object for scripts (its Location says where the
page went).

-BesideState writes the page where the state is kept instead of to -Path: for a state in a file, a file in the same
folder named after it (hr-sync.db gives hr-sync.report.html, replaced each time); for a state kept as a blob, a blob
of that name in the same container and folder, uploaded with the state's own sign-in (its SAS, account key or the
session's credential), so a runbook needs no second sign-in. Where it went is written to the information stream.
'@
    Parameters  = @{
        State      = 'The state from Open-ProvisioningState (open; a closed state is an error, ExportProvisioningReportStateClosed).'
        Path       = 'The HTML file to write; an existing file is replaced. Its folder must exist (ExportProvisioningReportFolderNotFound).'
        BesideState = 'Writes the report beside the state instead of to -Path: <state name>.report.html in the state''s folder, or as a blob in the state''s container with the state''s sign-in. A failure to write it is ExportProvisioningReportWriteFailed.'
        Runs       = 'How many of the last runs to chart and list (1 to 1000; 30 by default).'
        DailyQuota = 'The tenant''s limit of bulkUpload calls per 24 hours: 2000 (Entra ID P1/P2, the default) or 6000 (Entra ID Governance).'
        WhatIf     = 'Shows where the report would be written, and writes nothing (with -PassThru the figures are still returned).'
        Confirm    = 'Asks before writing the file.'
        PassThru   = 'Also writes the report''s figures as an object (ProvisioningReport): LastRun, Runs, CallsLast24Hours, Outcomes, Failures, ManagersUnresolved, WaitingForLogEntry and the rest.'
    }
    Inputs      = @(@{ Type = 'EntraInboundProvisioning.Engine.Sync.ProvisioningState'; Description = 'The state, by value.' })
    Outputs     = @(@{ Type = 'EntraInboundProvisioning.Engine.Reports.ProvisioningReport'; Description = 'With -PassThru: the figures the page shows.' })
    Examples    = @(
        @{
            Code    = '$state = Open-ProvisioningState (Join-Path ([IO.Path]::GetTempPath()) ''hr-sync.db''); Export-ProvisioningReport $state -Path (Join-Path ([IO.Path]::GetTempPath()) ''report.html''); Close-ProvisioningState $state'
            Remarks = 'Writes the report of a state into the temp folder.'
        }
        @{
            Code    = '$state = Open-ProvisioningState (Join-Path ([IO.Path]::GetTempPath()) ''hr-sync.db''); $report = Export-ProvisioningReport -State $state -Path (Join-Path ([IO.Path]::GetTempPath()) ''report.html'') -Runs 7 -DailyQuota 6000 -PassThru; Close-ProvisioningState $state; "{0} of {1} calls in 24 h ({2}%)" -f $report.CallsLast24Hours, $report.DailyQuota, $report.QuotaUsedPercent'
            Remarks = 'Charts the last 7 runs against a Governance tenant''s quota, and shows the quota figures the report holds.'
        }
        @{
            Code    = '$state = Open-ProvisioningState (Join-Path ([IO.Path]::GetTempPath()) ''hr-sync.db''); (Export-ProvisioningReport $state -BesideState -PassThru).Location; Close-ProvisioningState $state'
            Remarks = 'Writes hr-sync.report.html beside the state and shows where. With a state opened from a blob URL the report is a blob beside it.'
        }
    )
    Links       = @('Open-ProvisioningState', 'Get-ProvisioningState', 'Get-ProvisioningLog')
}
