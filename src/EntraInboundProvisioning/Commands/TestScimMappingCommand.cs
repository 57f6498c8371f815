using System.Management.Automation;
using EntraInboundProvisioning.Engine.Mapping;
using EntraInboundProvisioning.Mapping;

namespace EntraInboundProvisioning.Commands;

/// <summary>Checks a mapping without converting or sending anything, as CSV2SCIM's -ValidateAttributeMapping does.</summary>
[Cmdlet(VerbsDiagnostic.Test, "ScimMapping")]
[OutputType(typeof(ScimMappingTestResult))]
public sealed class TestScimMappingCommand : PSCmdlet
{
    private bool _done;
    private string? _externalIdColumn;
    private long _records;
    private long _blankExternalIds;

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNull]
    public object Mapping { get; set; } = null!;

    [Parameter(ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    [Parameter]
    [ValidatePattern("^urn:")]
    public string? ScimSchemaNamespace { get; set; }

    protected override void ProcessRecord()
    {
        if (InputObject is null && MyInvocation.ExpectingInput)
        {
            return;
        }
        if (!_done)
        {
            _done = true;
            WriteObject(Test(InputObject));
        }
        if (_externalIdColumn is not null && InputObject is not null)
        {
            _records++;
            if (!new PSWorkerRecord(InputObject).TryGetField(_externalIdColumn, out object? id) || string.IsNullOrWhiteSpace(id?.ToString()))
            {
                _blankExternalIds++;
            }
        }
    }

    protected override void EndProcessing()
    {
        if (!_done)
        {
            WriteObject(Test(null));
        }
        if (_blankExternalIds > 0)
        {
            WriteWarning($"The column '{_externalIdColumn}' that externalId is mapped from is blank in {_blankExternalIds} of {_records} records: " +
                "ConvertTo-ScimUser rejects those records. Fill the IDs in the source, or leave such records out.");
        }
    }

    private ScimMappingTestResult Test(PSObject? firstRecord)
    {
        using var reader = new MappingReader();
        try
        {
            ScimMapping mapping = MappingLoader.Load(this, Mapping,
                ScimSchemaNamespace is null ? null : new CustomNamespaceOptions(ScimSchemaNamespace), reader);
            foreach (string warning in mapping.Warnings)
            {
                WriteWarning(warning);
            }
            if (firstRecord is not null)
            {
                foreach (string warning in MappingCompiler.CheckColumns(mapping, new PSWorkerRecord(firstRecord)))
                {
                    WriteWarning(warning);
                }
                _externalIdColumn = mapping.ExternalIdColumn;
            }
            return new ScimMappingTestResult(true, null, null, mapping.Schemas, mapping.Columns);
        }
        catch (MappingException ex)
        {
            return new ScimMappingTestResult(false, ex.Key, ex.Message, [], []);
        }
    }
}
