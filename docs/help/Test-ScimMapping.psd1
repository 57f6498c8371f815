@{
    Synopsis    = 'Checks an AttributeMapping against the SCIM schemas without converting or sending anything.'
    Description = @'
Test-ScimMapping reads a CSV2SCIM AttributeMapping (a hashtable or a .psd1 file) and checks it against the SCIM core
User and enterprise User schemas, as CSV2SCIM's -ValidateAttributeMapping does. Given a record from the pipeline, it
also checks that the record has every column the mapping reads. It returns whether the mapping can be used and, if
not, the mapping key at fault and what to change.
'@
    Parameters  = @{
        Mapping             = 'The AttributeMapping to check: a hashtable, or the path of a .psd1 file.'
        InputObject         = 'A record to check the mapped columns against; only the first record from the pipeline is read.'
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
