@{
    Synopsis    = 'Packs SCIM users into SCIM BulkRequest payloads of at most 50 operations.'
    Description = @'
New-ScimBulkRequest takes SCIM users from ConvertTo-ScimUser and writes a bulk request as soon as it holds
-BatchSize operations (50 by default, the most the bulkUpload API accepts), and the remainder at the end, so memory
does not grow with the input. Each operation is a POST to /Users with a bulkId derived from the externalId, so the
same input gives byte-identical JSON run after run.

With -OutFolder each request is also written to its own numbered file (bulk-00001.json, ...) for review or audit;
a folder that already holds bulk-*.json files is refused without -Force. With -Force every bulk-*.json file of
an earlier run is removed first (the verbose stream says how many), so that the folder holds only this run's
requests and Get-ChildItem <folder> | Send-ScimBulkRequest sends nothing stale; other files are left alone.
'@
    Parameters  = @{
        State                = 'The state of a recurring sync (Open-ProvisioningState). Only workers that are new, changed since the service last accepted them (by the hash of their meaning), whose last provisioning log entry was a failure, whose request was never answered (after the logs had time to show it), or whose manager has since become known are sent; the run is staged on disk and sent managers first. A disable the service did not apply (held by its accidental-deletion threshold, or failed, as Get-ProvisioningLog -State records) is sent again and counts against the disable guard. At the end a summary (unchanged, new, changed, retried, leavers, disables and DisablesNotApplied among them, AwaitingOutcome: workers accepted earlier whose log entry was not read yet, so that a failure among them is not known; requests, and the attributes that changed) is written to the information stream: capture it with -InformationVariable.'
        Full                 = 'With -State: sends every worker of the input, changed or not, and refreshes the state.'
        Leavers              = 'With -State: Disable sends active = false, with the rest of its last accepted attributes, for every worker the state holds as active in this -Scope who is absent from the input; Ignore (the default) only counts them. Workers whose rows were rejected upstream (ConvertTo-ScimUser -State) are never leavers, and rows rejected before their externalId was known (Import-HrCsv -State) withhold all leavers for the run, with a warning.'
        Scope                = 'With -State: the name of this export (employees, contractors...). Leavers are looked for only among the workers last seen under the same scope, so that several exports feeding one job do not disable each other. Empty by default.'
        MaxDisables          = 'With -State: the most workers one run may disable (leavers with -Leavers Disable, and workers whose active turns from true to false). Above it, nothing is sent and the cmdlet stops with a terminating error (NewScimBulkRequestDisableGuard) naming the count and the first externalIds. Both this and -MaxDisablesPercent apply.'
        MaxDisablesPercent   = 'With -State: the most workers one run may disable, as a percentage of the active workers in the scope; 5 by default.'
        OverrideDisableGuard = 'With -State: sends the disables of this run whatever their number. -Force never touches the guard.'
        ManagersFirst        = 'Without -State: stages the input in a temporary database and sends every manager before the workers who report to them (by depth in the chain; cycles are reported as warnings and broken). -State always does this.'
        InputObject  = 'The SCIM users, from ConvertTo-ScimUser.'
        BatchSize    = 'Operations per request, from 1 to 50 (the service''s limit). 50 by default.'
        FailOnErrors = 'The failOnErrors value of each request: the number of errors after which the service stops processing it. Sent as null (as the service''s examples do) when not given.'
        OutFolder    = 'A folder to write each request to, as bulk-NNNNN.json; with -ManagersFirst or -State, a request of a later wave as bulk-NNNNN.wW.json, so that Get-ChildItem <folder> | Send-ScimBulkRequest still sends managers first.'
        Force        = 'Replaces the bulk request files of an earlier run in -OutFolder: every bulk-*.json file in it is removed before this run writes its own (a renamed one would still be sent with the folder). Other files are left alone.'
        WhatIf       = 'Shows what files would be written, without writing them. With -State: previews the run (each worker to create, update or disable, and the summary) and changes nothing in the state.'
        Confirm      = 'Asks before writing files, and before recording a run in the state.'
    }
    Inputs      = @(@{ Type = 'EntraInboundProvisioning.Engine.Scim.ScimUser'; Description = 'SCIM users.' })
    Outputs     = @(@{ Type = 'EntraInboundProvisioning.Engine.Batching.ScimBulkRequest'; Description = 'A bulk request: Index, Count, ExternalIds, Sources, SizeBytes and Json (and Path when written to a folder).' })
    Notes       = 'Entra sets manager.value only when the manager was processed first: use -State or -ManagersFirst, which send managers before their reports.'
    Examples    = @(
        @{
            Code    = @'
$state = Open-ProvisioningState (Join-Path ([IO.Path]::GetTempPath()) 'hr-sync.db')
try {
    Import-HrCsv ./samples/workers.csv -State $state | ConvertTo-ScimUser -Mapping ./samples/AttributeMapping.psd1 -State $state -ErrorAction SilentlyContinue |
        New-ScimBulkRequest -State $state -Leavers Disable -MaxDisables 50 -InformationVariable run -WhatIf | Out-Null
    $run.MessageData
} finally { Close-ProvisioningState $state }
'@
            Remarks = 'Previews a recurring sync: which workers would be created, updated or disabled, and the run''s summary. Nothing is sent or recorded. (The sample''s 40 duplicate rows are rejected by design; -ErrorAction SilentlyContinue keeps their errors out of the way.)'
        }
        @{
            Code    = 'Import-HrCsv ./samples/workers.csv | ConvertTo-ScimUser -Mapping ./samples/AttributeMapping.psd1 -ErrorAction SilentlyContinue | New-ScimBulkRequest -ManagersFirst | Select-Object Index, Count'
            Remarks = 'Orders a one-off upload so that every manager is sent before the workers who report to them. (The sample''s 40 duplicate rows are rejected by design; -ErrorAction SilentlyContinue keeps their errors out of the way.)'
        }
        @{
            Code    = 'Import-HrCsv .\hr.csv | ConvertTo-ScimUser -Mapping .\AttributeMapping.psd1 | New-ScimBulkRequest'
            Remarks = 'Builds the bulk requests for an HR export.'
        }
        @{
            Code    = 'Import-HrCsv .\hr.csv | ConvertTo-ScimUser -Mapping .\AttributeMapping.psd1 | New-ScimBulkRequest -BatchSize 25 -OutFolder .\payloads'
            Remarks = 'Writes requests of 25 operations to numbered files for review before anything is sent.'
        }
    )
    Links       = @('ConvertTo-ScimUser', 'Import-HrCsv', 'Open-ProvisioningState', 'Send-ScimBulkRequest')
}
