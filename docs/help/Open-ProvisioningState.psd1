@{
    Synopsis    = 'Opens (or creates) the state of a recurring sync: what the service last accepted of each worker.'
    Description = @'
Open-ProvisioningState opens an SQLite file that keeps, for one provisioning job, each worker as the service last
accepted it (its SCIM user, compressed, and a hash of its meaning), requests whose outcome is in doubt, the last outcome
read from the provisioning logs, and the runs with their requests. Give the state to New-ScimBulkRequest -State and
Send-ScimBulkRequest -State so that a daily run sends only what changed, disables leavers behind a guard, sends managers
first and resumes after a crash; close it with Close-ProvisioningState (in a finally block).

The file is created when missing (the schema is versioned: an older file is upgraded, a newer one refused), written in
WAL mode with a full sync per commit so that a process killed at any moment leaves it consistent, and held exclusively
while open: a second run of the same job that overlaps the first stops at once with OpenProvisioningStateLocked.
Keep one file per provisioning job.
'@
    Parameters  = @{
        Path    = 'The state file. Created when it does not exist (its folder must).'
        WhatIf  = 'When the file does not exist: shows that it would be created, and returns an empty state held in memory, so that a previewed run (-WhatIf) works without creating anything.'
        Confirm = 'Asks before creating the file.'
    }
    Inputs      = @(@{ Type = 'System.String'; Description = 'A path, by property name (FullName).' })
    Outputs     = @(@{ Type = 'EntraInboundProvisioning.Engine.Sync.ProvisioningState'; Description = 'The open state: Location, SchemaVersion, IsOpen.' })
    Notes       = 'A state in Azure Blob Storage (an https URL) is not available in this release: copy the file to and from storage around the run.'
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
    Import-HrCsv ./samples/workers.csv -State $state | ConvertTo-ScimUser -Mapping ./samples/AttributeMapping.psd1 -State $state |
        New-ScimBulkRequest -State $state -Leavers Disable -MaxDisables 50 | Send-ScimBulkRequest -State $state
    Get-ProvisioningState $state
} finally { Close-ProvisioningState $state; Stop-ProvisioningEndpoint $ep }
'@
            Remarks = 'The scheduled-sync pattern, against the local endpoint: logs into state, then only what changed is sent.'
        }
    )
    Links       = @('Close-ProvisioningState', 'Get-ProvisioningState', 'Clear-ProvisioningState', 'New-ScimBulkRequest', 'Send-ScimBulkRequest')
}
