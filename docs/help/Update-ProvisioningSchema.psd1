@{
    Synopsis    = 'Adds the custom SCIM attributes of a mapping (or every column of an export) to the provisioning job''s schema.'
    Description = @'
The provisioning service maps a custom attribute (urn:...:User:Name) only when the job's schema defines it in the
API source directory; until then it drops the value, and the provisioning log says so. Update-ProvisioningSchema
reads the schema as raw JSON through the Graph SDK's request adapter (so that values the SDK's enums do not know,
such as a new attribute type, are put back as they were), finds the source directory (the one not named "Azure Active
Directory" or "Microsoft Entra ID"), adds every attribute it lacks, and PUTs the whole schema back, since PUT
replaces it. It writes one object per attribute: Added, or Present when the schema had it already, so a second run
adds nothing and sends nothing; TypeDiffers when the schema has it with another type than the mapping's (MappingType):
that is one warning with the count, and the schema is left as it is. -WhatIf reads the schema and says what it would add, without changing it.

With -Mapping (a hashtable or an AttributeMapping .psd1 file, as ConvertTo-ScimUser takes) it adds the attributes
of the mapping's custom extensions, every urn: key but the enterprise one. A column is a String; a scriptblock's
value is typed from the export when it is given (-Path, or rows piped in): each attribute takes its type from the
first row, of the first 1000, whose conversion gives it a non-empty value (rows that fail to convert are skipped):
true/false as Boolean, a whole number as Integer, an ISO 8601 date and time as DateTime, else String. An attribute
that no row read gives a value is added as String, with one warning that names them (without an export, it says to
give -Path or rows). The export's first row is checked for the columns the mapping reads, as Test-ScimMapping and
ConvertTo-ScimUser check it: a column it lacks is an error that names the key and the nearest column, not a String
attribute.

With -ScimSchemaNamespace and an export it does what CSV2SCIM's -UpdateSchema did: every column (or the
-NamespaceColumn ones; one the export lacks is an error that names it) becomes an attribute of that namespace, the
columns a mapping also uses included, since ConvertTo-ScimUser -ScimSchemaNamespace sends every column of the row
there. A namespace the service would not take (a space or a quote in it) is one error, as ConvertTo-ScimUser gives it.
On a type that differs, the warning's advice fits the form: with -Mapping make the mapping send the schema's type;
with -ScimSchemaNamespace (every column is text) change or remove the attribute in the app's source attribute list.

A name the service would reject (a space or a quote, as header cells copied by CSV2SCIM had) is an error that names
every such key or column, before anything is read or sent.
'@
    Parameters  = @{
        ServicePrincipalId = 'The provisioning app: its service principal object id or its appId. By default the app of Connect-EntraProvisioning.'
        JobId              = 'The job: of -ServicePrincipalId when given, else of the connected app; needed only when the app has several. A job id that does not exist is an error (JobNotFound). Not with a piped job.'
        Uri                = 'The "Provisioning API Endpoint" from the app''s Provisioning page; it names the app and the job.'
        InputObject        = 'A job as Get-ProvisioningJob returned it; from the pipeline.'
        Mapping            = 'The mapping: a hashtable or the path of an AttributeMapping .psd1 file.'
        ScimSchemaNamespace = 'A custom namespace (urn:...:User) that gets every column of the export, mapped ones too, as ConvertTo-ScimUser -ScimSchemaNamespace sends them.'
        NamespaceColumn    = 'Only these columns go under -ScimSchemaNamespace; each must be a column of the export.'
        Path               = 'The HR export (CSV): its first row gives the columns; its first 1000 rows the types of computed values.'
        Row                = 'Rows of the export, such as Import-HrCsv writes; the first 1000 are read as -Path''s would be.'
        WhatIf             = 'Shows the attributes that would be added, without changing the schema.'
        Confirm            = 'Asks before changing the schema.'
    }
    Inputs      = @(@{ Type = 'System.Management.Automation.PSObject'; Description = 'Rows of the export (Import-HrCsv).' })
    Outputs     = @(@{ Type = 'EntraInboundProvisioning.Engine.Jobs.ProvisioningSchemaChange'; Description = 'Action (Added, Present or TypeDiffers), Name, Type (the schema''s), Directory, Source (the mapping key or column), MappingType.' })
    Notes       = 'One of these Graph application permissions, with admin consent: Application.ReadWrite.OwnedBy (the least privileged in Microsoft''s Graph reference; it works only when this app is an owner of the provisioning app), CustomSecAttributeProvisioning.ReadWrite.All or Synchronization.ReadWrite.All. Requires Connect-EntraProvisioning.'
    Examples    = @(
        @{
            Code    = '$ep = Start-ProvisioningEndpoint; Connect-EntraProvisioning -LocalEndpoint $ep; Update-ProvisioningSchema -Mapping .\samples\AttributeMapping.psd1 -Path .\samples\workers.csv; Stop-ProvisioningEndpoint $ep'
            Remarks = 'Adds HireDate (DateTime), GenderPronoun, OnLeave (Boolean) and Location of the sample mapping''s custom namespace to the local job''s schema.'
        }
        @{
            Code    = 'Update-ProvisioningSchema -ScimSchemaNamespace urn:ietf:params:scim:schemas:extension:csv:1.0:User -Path .\samples\workers.csv -WhatIf'
            Remarks = 'CSV2SCIM''s -UpdateSchema: shows the columns of the export that would become attributes of the namespace.'
        }
    )
    Links       = @('Get-ProvisioningSchema', 'ConvertTo-ScimUser')
}
