@{
    Synopsis    = 'Checks an AttributeMapping against the SCIM schemas without converting or sending anything.'
    Description = @'
Test-ScimMapping reads a CSV2SCIM AttributeMapping (a hashtable or a .psd1 file) and checks it against the SCIM core
User and enterprise User schemas, as CSV2SCIM's -ValidateAttributeMapping does. Given a record from the pipeline, it
also checks that the record has every column the mapping reads, those read inside scriptblocks ($_.Name,
$PSItem.Name, $_.'Name', $_['Name']) included, with the nearest column for a misspelt one. A column that a
scriptblock reads defensively (it inspects $_.PSObject, or the read is an alternative of ??, -or or -and, a ternary's
condition or the whole test of an if, such as ($_.WorkerStatus ?? $_.Status)) may be missing: that is a warning,
not a fault. It returns whether the mapping can be used and, if not, the mapping key at fault and what to change.

It warns when active is not mapped (Entra then treats every worker as disabled), when an extension URN is one or
two letters away from the enterprise or core User URN, and, when records are piped in, in how many of them the
column externalId is mapped from is blank.
'@
    Parameters  = @{
        Mapping             = 'The AttributeMapping to check: a hashtable, or the path of a .psd1 file.'
        InputObject         = 'Records to check the mapping against: the columns of the first one, and in every one whether the externalId column is blank.'
        ScimSchemaNamespace = 'The custom extension URN that ConvertTo-ScimUser -ScimSchemaNamespace would be given.'
    }
    Inputs      = @(@{ Type = 'System.Management.Automation.PSObject'; Description = 'A sample record, such as the first row of an export.' })
    Outputs     = @(@{ Type = 'EntraInboundProvisioning.Mapping.ScimMappingTestResult'; Description = 'IsValid, the Key at fault and the Problem, and the Schemas and Columns of a valid mapping.' })
    Notes       = 'Nothing is converted and nothing is sent.'
    Examples    = @(
        @{
            Code    = 'Test-ScimMapping .\AttributeMapping.psd1'
            Remarks = 'Checks a mapping file against the schemas.'
        }
        @{
            Code    = 'Import-HrCsv .\hr.csv | Test-ScimMapping .\AttributeMapping.psd1'
            Remarks = 'Also checks that the export has every column the mapping reads.'
        }
    )
    Links       = @('ConvertTo-ScimUser')
}
