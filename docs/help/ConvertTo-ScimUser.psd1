@{
    Synopsis    = 'Turns worker records into SCIM users with a CSV2SCIM AttributeMapping.'
    Description = @'
ConvertTo-ScimUser turns each input object into a SCIM core User with the enterprise User extension (and any custom
extension) for Entra API-driven inbound provisioning. The input may be any object: Import-HrCsv rows, Import-Csv
rows, Invoke-Sqlcmd rows, hashtables or PSCustomObjects.

-Mapping takes the AttributeMapping format of Microsoft's sample script CSV2SCIM.ps1, as a hashtable or the path of
a .psd1 file, unchanged: a string is a column or property name (matched without regard to case); a scriptblock is
computed with $_ as the record (constants are written { 'work' }); a nested hashtable is a complex attribute (name,
manager); an array @( @{ ... } ) is a multi-valued attribute (emails, phoneNumbers, addresses); a key that starts
with urn: is an extension, and its URN joins schemas. Where a complex value is expected, a scriptblock may return a
hashtable of its sub-attributes, such as phoneNumbers = @( { if ($_.Mobile) { @{ type = 'mobile'; value = $_.Mobile } } } ),
or several hashtables for an element of a multi-valued attribute; their keys are checked against the schema as each
record is converted. Without -Mapping, properties named as SCIM attributes map to themselves.

The mapping is checked against the SCIM core and enterprise User schemas before the first record: an unknown
attribute, a simple attribute given a hashtable, a complex one given a column, a multi-valued one not given as an
array, or a column that the first record does not have stop the command with an error that names the mapping key
and the nearest valid name. Columns read inside scriptblocks ($_.Name, $PSItem.Name, $_.'Name', $_['Name']) are
checked the same way, so a misspelt { $_.WorkerStatu -eq 'Active' } stops the command instead of making every user
inactive. A scriptblock that reads a column defensively may read one the input lacks: that is one warning (with the
nearest column), not an error. A read is defensive when the scriptblock inspects $_.PSObject, or the read is an
alternative of ??, -or or -and, the condition of a ternary, or the whole test of an if or elseif (parenthesized or
negated), such as { ($_.WorkerStatus ?? $_.Status) -eq 'Active' } or { if ($_.WorkerStatus) { ... } else { ... } };
{ $_.WorkerStatus -eq 'Active' } is not. Records without a file (Import-Csv rows, hashtables, objects) are checked
again whenever their property names differ from the previous record's; after the first record, a record that lacks
a column the mapping reads (not defensively) is a record error rather than converted with the value missing.
Each record's scriptblocks run in a fresh child scope, as in CSV2SCIM: they read $_ and the caller's variables, but
what they assign reaches neither the next record nor the caller. Warnings say once when active is not mapped (Entra then treats every worker as disabled), when an extension
URN is one or two letters away from the enterprise or core User URN, and, at the end, in how many records the column
externalId is mapped from was blank.

Each record that cannot be converted is written as an error that names the source file and line, the mapping key
and the value, and the other records flow on: a missing or empty externalId, an externalId already used by an
earlier record of the run, a scriptblock that throws, or a value that its attribute's type cannot take (a boolean
attribute accepts true/false, yes/no and 1/0). A mistake that fails many records the same way (the same mapping key
and kind of fault, or the same externalId used again and again) is written for the first five records, then once at
the end with the count of all the records it affected and the lines of the first; none of those records is sent.

[datetime] values become ISO 8601 text with a time and an offset, such as 2024-03-01T00:00:00Z: Entra applies
employeeHireDate only when the date has a time part. A [datetime] marked UTC is written with Z; any other [datetime]
(such as [datetime]'2013-01-01' or what Get-Date returns) is read as the time of day in -TimeZone, UTC unless given,
and never in the time zone of the machine that runs the command, so that a runbook in Azure and an administrator's
laptop send the same value. [datetimeoffset] values keep their own offset. Empty values are left out unless -IncludeEmpty is given.
'@
    Parameters  = @{
        State               = 'The state of a recurring sync: the externalIds of rejected records are recorded into the run, so that New-ScimBulkRequest -State -Leavers Disable never takes those workers for leavers. A record whose externalId cannot be read withholds the run''s leavers. Without -State, the rejections go to every state opened in this session (Open-ProvisioningState).'
        InputObject         = 'The worker records: any objects, from the pipeline.'
        Mapping             = 'A CSV2SCIM AttributeMapping: a hashtable, or the path of a .psd1 file.'
        ScimSchemaNamespace = 'A custom extension URN (such as urn:ietf:params:scim:schemas:extension:csv:1.0:User) under which every column of the record is sent, the columns the mapping uses too, as CSV2SCIM''s -ScimSchemaNamespace does. When the mapping has a key with the same URN, its attributes join the same object and replace the columns of the same name. A namespace the service would not take (not urn:..., a space or a quote) is an error before any record is read.'
        NamespaceColumn     = 'The columns to put under -ScimSchemaNamespace, instead of every column of the record; a column the input lacks is an error, as for a mapped column.'
        TimeZone            = 'The time zone of [datetime] values that are not marked UTC, as an IANA name (Europe/Paris) or a Windows name; UTC when not given. The machine''s own time zone is never used.'
        IncludeEmpty        = 'Sends empty values as null, for tenants that should clear an attribute when the HR system empties it. By default empty values are left out.'
    }
    Inputs      = @(@{ Type = 'System.Management.Automation.PSObject'; Description = 'Any object whose properties are a worker''s fields.' })
    Outputs     = @(@{ Type = 'EntraInboundProvisioning.Engine.Scim.ScimUser'; Description = 'A SCIM user: ExternalId, UserName, DisplayName, Active, ManagerId, the source file and line, and its JSON.' })
    Notes       = @'
The JSON of each user is deterministic: schemas first, core attributes in schema order, then the enterprise
extension, then custom extensions with their attributes by name.
'@
    Examples    = @(
        @{
            Code    = 'Import-HrCsv .\hr.csv | ConvertTo-ScimUser -Mapping .\AttributeMapping.psd1 | Select-Object -First 3'
            Remarks = 'Converts an HR export with an AttributeMapping.psd1 file written for CSV2SCIM.ps1.'
        }
        @{
            Code    = 'Invoke-Sqlcmd -Query "SELECT * FROM Workers" | ConvertTo-ScimUser -Mapping @{ externalId = "EmployeeId"; userName = "Upn"; active = { $_.Status -eq "A" }; "urn:ietf:params:scim:schemas:extension:csv:1.0:User" = @{ HireDate = { [datetime]$_.StartDate } } }'
            Remarks = 'Converts rows from a database with a mapping given as a hashtable; the hire date is sent with a time part so that Entra applies it.'
        }
        @{
            Code    = 'Import-HrCsv .\hr.csv | ConvertTo-ScimUser -Mapping @{ externalId = "WorkerID"; active = { $_.WorkerStatus -eq "Active" } } -ScimSchemaNamespace "urn:ietf:params:scim:schemas:extension:csv:1.0:User"'
            Remarks = 'Sends every column under a custom extension, as CSV2SCIM does with -ScimSchemaNamespace.'
        }
    )
    Links       = @('Import-HrCsv', 'Test-ScimMapping', 'New-ScimBulkRequest')
}
