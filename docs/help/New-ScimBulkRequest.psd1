@{
    Synopsis    = 'Packs SCIM users into SCIM BulkRequest payloads of at most 50 operations.'
    Description = @'
New-ScimBulkRequest takes SCIM users from ConvertTo-ScimUser and writes a bulk request as soon as it holds
-BatchSize operations (50 by default, the most the bulkUpload API accepts), and the remainder at the end, so memory
does not grow with the input. Each operation is a POST to /Users with a bulkId derived from the externalId, so the
same input gives byte-identical JSON run after run.

With -OutFolder each request is also written to its own numbered file (bulk-00001.json, ...) for review or audit;
a folder that already holds bulk-*.json files is refused without -Force. With -Force the bulk-NNNNN.json files of
an earlier run are removed first (the verbose stream says how many), so that the folder holds only this run's
requests and Get-ChildItem <folder> | Send-ScimBulkRequest sends nothing stale; other files are left alone.
'@
    Parameters  = @{
        InputObject  = 'The SCIM users, from ConvertTo-ScimUser.'
        BatchSize    = 'Operations per request, from 1 to 50 (the service''s limit). 50 by default.'
        FailOnErrors = 'The failOnErrors value of each request: the number of errors after which the service stops processing it. Sent as null (as the service''s examples do) when not given.'
        OutFolder    = 'A folder to write each request to, as bulk-NNNNN.json.'
        Force        = 'Replaces the bulk request files of an earlier run in -OutFolder: its bulk-NNNNN.json files are removed before this run writes its own. Other files are left alone.'
        WhatIf       = 'Shows what files would be written, without writing them.'
        Confirm      = 'Asks before writing files.'
    }
    Inputs      = @(@{ Type = 'EntraInboundProvisioning.Engine.Scim.ScimUser'; Description = 'SCIM users.' })
    Outputs     = @(@{ Type = 'EntraInboundProvisioning.Engine.Batching.ScimBulkRequest'; Description = 'A bulk request: Index, Count, ExternalIds, Sources, SizeBytes and Json (and Path when written to a folder).' })
    Notes       = 'Managers should reach Entra before the workers who report to them: sort the input by level when that matters.'
    Examples    = @(
        @{
            Code    = 'Import-HrCsv .\hr.csv | ConvertTo-ScimUser -Mapping .\AttributeMapping.psd1 | New-ScimBulkRequest'
            Remarks = 'Builds the bulk requests for an HR export.'
        }
        @{
            Code    = 'Import-HrCsv .\hr.csv | ConvertTo-ScimUser -Mapping .\AttributeMapping.psd1 | New-ScimBulkRequest -BatchSize 25 -OutFolder .\payloads'
            Remarks = 'Writes requests of 25 operations to numbered files for review before anything is sent.'
        }
    )
    Links       = @('ConvertTo-ScimUser', 'Import-HrCsv')
}
