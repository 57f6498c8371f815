using System.Management.Automation;
using EntraInboundProvisioning.Engine.Jobs;
using EntraInboundProvisioning.Engine.Mapping;
using EntraInboundProvisioning.Engine.Provisioning;
using EntraInboundProvisioning.Mapping;

namespace EntraInboundProvisioning.Commands;

/// <summary>
/// Adds the custom attributes that a mapping sends (or, with -ScimSchemaNamespace, every column of an export) to the
/// job's API source directory, and PUTs the whole schema back. Idempotent; names the service would reject stop it
/// before anything is sent.
/// </summary>
[Cmdlet(VerbsData.Update, "ProvisioningSchema", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = NamespaceSet)]
[OutputType(typeof(ProvisioningSchemaChange))]
public sealed class UpdateProvisioningSchemaCommand : JobCommandBase
{
    private const string MappingSet = "Mapping";
    private const string NamespaceSet = "Namespace";

    // Rows read to type the attributes: each takes its type from the first of them that gives it a value.
    private const int TypingRows = 1000;

    private readonly MappingReader _reader = new();
    private readonly List<PSObject> _rows = [];
    private int _scanned;

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = MappingSet)]
    [ValidateNotNull]
    public object? Mapping { get; set; }

    [Parameter(ParameterSetName = MappingSet)]
    [Parameter(Mandatory = true, ParameterSetName = NamespaceSet)]
    [ValidatePattern("^urn:")]
    public string? ScimSchemaNamespace { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? NamespaceColumn { get; set; }

    /// <summary>The HR export: its first row gives the columns, its first rows the types.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>Rows of the export (Import-HrCsv); the first 1000 are read.</summary>
    [Parameter(ValueFromPipeline = true)]
    [AllowNull]
    public PSObject? Row { get; set; }

    protected override string Permission => JobPermissions.SchemaWrite;

    protected override void ProcessRecord()
    {
        if (Row is not null && _rows.Count < TypingRows)
        {
            _rows.Add(Row);
        }
    }

    protected override void EndProcessing()
    {
        try
        {
            Update();
        }
        finally
        {
            _reader.Dispose();
        }
    }

    private void Update()
    {
        List<PSObject> rows = Path is null ? _rows : RowsOf(Path);
        PSWorkerRecord? record = rows.Count == 0 ? null : new PSWorkerRecord(rows[0]);
        CustomNamespaceOptions? custom = ScimSchemaNamespace is null ? null : new CustomNamespaceOptions(ScimSchemaNamespace, NamespaceColumn);
        List<SchemaAttributeRequest> wanted;
        try
        {
            ScimMapping mapping = Mapping is not null
                ? MappingLoader.Load(this, Mapping, custom, _reader)
                : record is not null ? MappingLoader.Identity(record, custom) : throw new ArgumentException(
                    "-ScimSchemaNamespace puts the export's columns in the schema: give the export (-Path, or its rows piped in from Import-HrCsv).");
            if (record is not null)
            {
                // The check Test-ScimMapping and ConvertTo-ScimUser make: a column the export lacks is a mistake, not a String attribute.
                foreach (string warning in MappingCompiler.CheckColumns(mapping, record))
                {
                    WriteWarning(warning);
                }
            }
            var converter = new ScimUserConverter(mapping);
            _scanned = 0;
            wanted = CustomAttributeSource.FromMapping(mapping, record, rows.Select(r =>
            {
                _scanned++;
                return converter.Convert(new PSWorkerRecord(r)).User?.Json;
            }).OfType<string>());
        }
        catch (Exception ex) when (ex is MappingException or ArgumentException)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "UpdateProvisioningSchemaInvalidMapping", ErrorCategory.InvalidArgument, (ex as MappingException)?.Key ?? Path));
            return;
        }
        if (wanted.Count == 0)
        {
            WriteWarning("The mapping has no custom extension attributes (urn:...:User keys other than the enterprise extension): there is nothing to add.");
            return;
        }
        CheckNames(wanted);

        ProvisioningConnection connection = Connection;
        ProvisioningTarget target = Target(connection);
        var editor = new ProvisioningSchemaEditor(connection);
        ProvisioningSchemaPlan plan = Call(() => editor.PlanAsync(target, wanted, CancelToken), target.JobId);
        List<ProvisioningSchemaChange> added = plan.Added.ToList();
        WarnTypes(wanted, added, plan.TypeDiffers.ToList());
        if (added.Count == 0)
        {
            WriteVerbose($"Update-ProvisioningSchema: the schema of job {target.JobId} has all {plan.Changes.Count} attributes already; nothing was sent.");
            WriteObject(plan.Changes, enumerateCollection: true);
            return;
        }
        if (!ShouldProcess($"the '{plan.Directory}' directory of job {target.JobId}", $"Add {added.Count} attributes ({string.Join(", ", added.Select(a => $"{a.Name} {a.Type}"))}) and PUT the schema"))
        {
            return;
        }
        Call(() => editor.ApplyAsync(target, plan, CancelToken), target.JobId);
        WriteObject(plan.Changes, enumerateCollection: true);
    }

    // Said once each, with a count: attributes about to be added as String for want of a row to type them, and
    // attributes the schema has with another type (left as they are: the schema is only ever added to).
    private void WarnTypes(List<SchemaAttributeRequest> wanted, List<ProvisioningSchemaChange> added, List<ProvisioningSchemaChange> differ)
    {
        var defaulted = wanted.Where(w => w.TypeDefaulted).Select(w => w.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        List<string> untyped = added.Where(a => defaulted.Contains(a.Name)).Select(a => a.Name).ToList();
        if (untyped.Count > 0)
        {
            WriteWarning($"{untyped.Count} of {added.Count} attributes to add are typed String because " + (_scanned == 0
                ? $"no row of the export gave their value ({string.Join(", ", untyped)}). To type them Boolean, DateTime or Integer, give the export: -Path, or its rows piped in from Import-HrCsv."
                : $"none of the {_scanned} rows read gave them a value, or their conversion failed ({string.Join(", ", untyped)}). " +
                    "Check the mapping of these with Import-HrCsv | ConvertTo-ScimUser; a String attribute stays String."));
        }
        if (differ.Count > 0)
        {
            string advice = Mapping is null
                ? "-ScimSchemaNamespace sends every column as text: change the attribute's type in the app's source attribute list, or remove it there and run Update-ProvisioningSchema again."
                : "Make the mapping send the schema's type, or remove the attribute from the app's source attribute list and run Update-ProvisioningSchema again.";
            WriteWarning($"{differ.Count} attributes are in the schema with another type than the mapping sends; they are left as they are " +
                $"({string.Join("; ", differ.Select(d => $"{d.Name}: {d.Type} in the schema, {d.MappingType} from {d.Source}"))}). " + advice);
        }
    }

    // Every bad name is said at once, with the key or column it comes from, before the schema is even read.
    private void CheckNames(List<SchemaAttributeRequest> wanted)
    {
        var split = wanted.Select(a => (a.Source, Urn: a.Name[..a.Name.LastIndexOf(':')], Name: a.Name[(a.Name.LastIndexOf(':') + 1)..])).ToList();
        // A bad namespace is said once, not once per attribute in it.
        List<string> problems = split.Select(a => a.Urn).Distinct(StringComparer.Ordinal)
            .Select(SchemaAttributeName.NamespaceProblem).OfType<string>()
            .Concat(split.Where(a => SchemaAttributeName.NamespaceProblem(a.Urn) is null && SchemaAttributeName.NameProblem(a.Name) is not null)
                .Select(a => $"{a.Source}: {SchemaAttributeName.NameProblem(a.Name)}"))
            .ToList();
        if (problems.Count > 0)
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentException(
                $"The service would reject these attribute names ({problems.Count} problem{(problems.Count == 1 ? "" : "s")} in {wanted.Count} names); nothing was sent. Rename the mapping keys, columns or namespaces:" +
                Environment.NewLine + string.Join(Environment.NewLine, problems)),
                "UpdateProvisioningSchemaInvalidAttributeName", ErrorCategory.InvalidData, problems));
        }
    }

    private List<PSObject> RowsOf(string path) =>
        [.. InvokeCommand.InvokeScript($"Import-HrCsv -LiteralPath $args[0] | Select-Object -First {TypingRows}", GetUnresolvedProviderPathFromPSPath(path))];
}
