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
        if (_done || (InputObject is null && MyInvocation.ExpectingInput))
        {
            return;
        }
        _done = true;
        WriteObject(Test(InputObject));
    }

    protected override void EndProcessing()
    {
        if (!_done)
        {
            WriteObject(Test(null));
        }
    }

    private ScimMappingTestResult Test(PSObject? firstRecord)
    {
        using var reader = new MappingReader();
        try
        {
            ScimMapping mapping = MappingLoader.Load(this, Mapping,
                ScimSchemaNamespace is null ? null : new CustomNamespaceOptions(ScimSchemaNamespace), reader);
            if (firstRecord is not null)
            {
                MappingCompiler.CheckColumns(mapping, new PSWorkerRecord(firstRecord));
            }
            return new ScimMappingTestResult(true, null, null, mapping.Schemas, mapping.Columns);
        }
        catch (MappingException ex)
        {
            return new ScimMappingTestResult(false, ex.Key, ex.Message, [], []);
        }
    }
}
