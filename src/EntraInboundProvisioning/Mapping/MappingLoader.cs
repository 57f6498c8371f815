using System.Collections;
using System.Management.Automation;
using EntraInboundProvisioning.Engine.Mapping;
using EntraInboundProvisioning.Engine.Scim;

namespace EntraInboundProvisioning.Mapping;

/// <summary>Turns what a user gives as -Mapping (a hashtable or a .psd1 path) into a checked mapping.</summary>
internal static class MappingLoader
{
    public static ScimMapping Load(PSCmdlet cmdlet, object mapping, CustomNamespaceOptions? customNamespace, MappingReader reader)
    {
        object value = mapping is PSObject psObject ? psObject.BaseObject : mapping;
        IDictionary dictionary = value switch
        {
            IDictionary d => d,
            string path => MappingReader.LoadFile(cmdlet, path),
            FileInfo file => MappingReader.LoadFile(cmdlet, file.FullName),
            _ => throw new MappingException(string.Empty, $"-Mapping takes a hashtable or the path of a .psd1 file, not a {value.GetType().Name}."),
        };
        return MappingCompiler.Compile(reader.Read(dictionary), customNamespace);
    }

    /// <summary>Without -Mapping: the record's properties whose names are SCIM attribute names map to themselves.</summary>
    public static ScimMapping Identity(IWorkerRecord record, CustomNamespaceOptions? customNamespace)
    {
        var core = new List<KeyValuePair<string, MappingValue>>();
        var enterprise = new List<KeyValuePair<string, MappingValue>>();
        foreach (string field in record.FieldNames)
        {
            if (ScimSchemas.CoreUser.IndexOf(field) is int i and >= 0 && !ScimSchemas.CoreUser.Attributes[i].IsComplex)
            {
                core.Add(new(ScimSchemas.CoreUser.Attributes[i].Name, new ColumnMappingValue(field)));
            }
            else if (ScimSchemas.EnterpriseUser.IndexOf(field) is int e and >= 0 && !ScimSchemas.EnterpriseUser.Attributes[e].IsComplex)
            {
                enterprise.Add(new(ScimSchemas.EnterpriseUser.Attributes[e].Name, new ColumnMappingValue(field)));
            }
        }
        if (enterprise.Count > 0)
        {
            core.Add(new(ScimSchemas.EnterpriseUserUrn, new ComplexMappingValue(enterprise)));
        }
        return MappingCompiler.Compile(core, customNamespace);
    }
}
