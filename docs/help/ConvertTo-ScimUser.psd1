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
with urn: is an extension, and its URN joins schemas. Without -Mapping, properties named as SCIM attributes map to
themselves.

The mapping is checked against the SCIM core and enterprise User schemas before the first record: an unknown
attribute, a simple attribute given a hashtable, a complex one given a column, a multi-valued one not given as an
array, or a column that the first record does not have stop the command with an error that names the mapping key
and the nearest valid name.

Each record that cannot be converted is written as an error that names the source file and line, the mapping key
and the value, and the other records flow on: a missing or empty externalId, an externalId already used by an
earlier record of the run, a scriptblock that throws, or a value that its attribute's type cannot take (a boolean
attribute accepts true/false, yes/no and 1/0).

[datetime] values become ISO 8601 text with a time and an offset, such as 2024-03-01T00:00:00Z: Entra applies
employeeHireDate only when the date has a time part. Empty values are left out unless -IncludeEmpty is given.
'@
    Parameters  = @{
        State               = 'The state of a recurring sync: the externalIds of rejected records are recorded into the run, so that New-ScimBulkRequest -State -Leavers Disable never takes those workers for leavers. A record whose externalId cannot be read withholds the run''s leavers.'
        InputObject         = 'The worker records: any objects, from the pipeline.'
        Mapping             = 'A CSV2SCIM AttributeMapping: a hashtable, or the path of a .psd1 file.'
        ScimSchemaNamespace = 'A custom extension URN (such as urn:ietf:params:scim:schemas:extension:csv:1.0:User) under which the columns that the mapping does not use are sent, as CSV2SCIM''s -ScimSchemaNamespace does.'
        NamespaceColumn     = 'The columns to put under -ScimSchemaNamespace, instead of every column the mapping does not use.'
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
            Code    = 'Import-HrCsv .\hr.csv | ConvertTo-ScimUser -Mapping @{ externalId = "WorkerID" } -ScimSchemaNamespace "urn:ietf:params:scim:schemas:extension:csv:1.0:User"'
            Remarks = 'Sends every other column under a custom extension, as CSV2SCIM does with -ScimSchemaNamespace.'
        }
    )
    Links       = @('Import-HrCsv', 'Test-ScimMapping', 'New-ScimBulkRequest')
}
