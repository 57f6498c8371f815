@{
    Synopsis    = 'Opens (or creates) the state of a recurring sync: what the service last accepted of each worker.'
    Description = @'
Open-ProvisioningState opens an SQLite file that keeps, for one provisioning job, each worker as the service last
accepted it (its SCIM user, compressed, and a hash of its meaning), requests whose outcome is in doubt, the last outcome
read from the provisioning logs, and the runs with their requests. Give the state to New-ScimBulkRequest -State and
Send-ScimBulkRequest -State so that a daily run sends only what changed, disables leavers behind a guard, sends managers
first and resumes after a crash; close it with Close-ProvisioningState (in a finally block).

The file is created when missing (the schema is versioned: an older file is upgraded, in one transaction, a newer one
refused; an upgrade says so on the information stream, with how many stored hashes it recomputed: a state written
before numbers and "true"/"false" strings were told apart in the hash is re-hashed from its stored users, so that the
same input sends nobody again), written in
WAL mode with a full sync per commit so that a process killed at any moment leaves it consistent, and held exclusively
while open: a second run of the same job that overlaps the first stops at once with OpenProvisioningStateLocked.
Opening a file this session already has open is OpenProvisioningStateAlreadyOpen (use the state object the first open
returned, or close it first); a path that is a folder is OpenProvisioningStatePathIsFolder. Keep one file per
provisioning job.

For runbooks, whose sandbox forgets local files, the state can be kept as a blob: give its URL,
https://<account>.blob.core.windows.net/<container>/hr-sync.db (a URL with a SAS is used as it is; on loopback, such as
Azurite, the path-style http://127.0.0.1:<port>/<account>/<container>/hr-sync.db). Without a SAS, requests sign in with
the session's credential (Connect-EntraProvisioning; -ManagedIdentity in Azure Automation), whose identity needs the
Storage Blob Data Contributor role on the container; a SAS needs read, write, create, add and delete (sp=rwcad) on the
container. Open takes a 60-second lease on the blob, renewed in the background while the state is open, so that an
overlapping run stops at once with OpenProvisioningStateLocked saying since when a run holds it (the lease's start is
kept in the blob's metadata); it creates the blob when missing and downloads it into a temporary file. Each request
the service accepted is appended to the append blob <name>.journal at once, so checkpoints stay cheap however large the
state; Close-ProvisioningState uploads the database with If-Match on the ETag it was downloaded with, deletes the
journal and releases the lease. A run killed before it closed loses nothing that was accepted: its lease ends within 60
seconds and the next open replays the journal (-Verbose says how many requests). When the blob was changed by someone
else while open, Close-ProvisioningState does not write over it (CloseProvisioningStateConflict) and keeps the journal
for the next open. Errors and messages name the URL without its SAS.
'@
    Parameters  = @{
        Path    = 'The state file, created when it does not exist (its folder must); or the https URL of a blob that keeps it (with or without a SAS), created when it does not exist (its container must).'
        WhatIf  = 'When the file does not exist: shows that it would be created, and returns an empty state held in memory, so that a previewed run (-WhatIf) works without creating anything. A blob URL is opened as without -WhatIf (leased, created when missing, written back on close), so that a preview does not read a state that a run is writing.'
        Confirm = 'Asks before creating the file.'
    }
    Inputs      = @(@{ Type = 'System.String'; Description = 'A path or a blob URL, by property name (FullName).' })
    Outputs     = @(@{ Type = 'EntraInboundProvisioning.Engine.Sync.ProvisioningState'; Description = 'The open state: Location, SchemaVersion, IsOpen.' })
    Notes       = 'A blob state is downloaded on open and uploaded on close: the sandbox needs room for the file (tens of MB at 100,000 workers) in its temporary folder. Only requests recorded by Send-ScimBulkRequest go to the journal; outcomes read from the logs by Get-ProvisioningLog -State are kept when the state is closed.'
    Examples    = @(
        @{
            Code    = @'
$state = Open-ProvisioningState (Join-Path ([IO.Path]::GetTempPath()) 'hr-sync.db')
try {
    Get-ProvisioningState $state
} finally { Close-ProvisioningState $state }
'@
            Remarks = 'Opens (creating it the first time) a state, shows its totals and closes it.'
        }
        @{
            Code    = @'
$ep = Start-ProvisioningEndpoint; Connect-EntraProvisioning -LocalEndpoint $ep
$state = Open-ProvisioningState (Join-Path ([IO.Path]::GetTempPath()) "hr-sync-$(New-Guid).db")
try {
    Get-ProvisioningLog -State $state | Out-Null
    Import-HrCsv ./samples/workers.csv -State $state | ConvertTo-ScimUser -Mapping ./samples/AttributeMapping.psd1 -State $state -ErrorAction SilentlyContinue |
        New-ScimBulkRequest -State $state -Leavers Disable -MaxDisables 50 | Send-ScimBulkRequest -State $state
    Get-ProvisioningState $state
} finally { Close-ProvisioningState $state; Stop-ProvisioningEndpoint $ep }
'@
            Remarks = 'The scheduled-sync pattern, against the local endpoint: logs into state, then only what changed is sent. (The sample''s 40 duplicate rows are rejected by design; -ErrorAction SilentlyContinue keeps their errors out of the way.)'
        }
        @{
            Code    = @'
Connect-EntraProvisioning -ManagedIdentity -ServicePrincipalId $spId -JobId $jobId
$state = Open-ProvisioningState https://contoso.blob.core.windows.net/provisioning/hr-sync.db
try {
    Get-ProvisioningLog -State $state | Out-Null
    Import-HrCsv https://contoso.blob.core.windows.net/exports/workers.csv -State $state |
        ConvertTo-ScimUser -Mapping ./AttributeMapping.psd1 -State $state |
        New-ScimBulkRequest -State $state -Leavers Disable -MaxDisables 50 | Send-ScimBulkRequest -State $state
} finally { Close-ProvisioningState $state }
'@
            Remarks = 'In an Azure Automation runbook: the state is a blob, read and written with the managed identity (Storage Blob Data Contributor on the container). A second run that starts while this one holds the state stops with OpenProvisioningStateLocked.'
        }
    )
    Links       = @('Close-ProvisioningState', 'Get-ProvisioningState', 'Clear-ProvisioningState', 'New-ScimBulkRequest', 'Send-ScimBulkRequest')
}
