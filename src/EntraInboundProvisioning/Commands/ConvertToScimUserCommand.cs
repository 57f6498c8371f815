using System.Management.Automation;
using EntraInboundProvisioning.Connection;
using EntraInboundProvisioning.Engine.Mapping;
using EntraInboundProvisioning.Engine.Scim;
using EntraInboundProvisioning.Mapping;

namespace EntraInboundProvisioning.Commands;

[Cmdlet(VerbsData.ConvertTo, "ScimUser")]
[OutputType(typeof(ScimUser))]
public sealed class ConvertToScimUserCommand : CancellableCmdlet
{
    private readonly MappingReader _reader = new();
    private readonly RepeatedFaultSummary _faults = new();
    private ScimUserConverter? _converter;
    private TimeZoneInfo? _timeZone;
    private readonly HashSet<string> _columnWarnings = [];
    private object? _checkedShape;
    private bool _checkedFirst;
    private List<string>? _checkedNames;
    private ScimRecordFault? _namesFault;
    private long _converted;
    private long _rejected;

    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [AllowNull]
    public PSObject? InputObject { get; set; }

    [Parameter(Position = 0)]
    [ValidateNotNull]
    public object? Mapping { get; set; }

    [Parameter]
    [ValidatePattern("^urn:")]
    public string? ScimSchemaNamespace { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? NamespaceColumn { get; set; }

    [Parameter]
    public SwitchParameter IncludeEmpty { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? TimeZone { get; set; }

    /// <summary>Records the externalIds of rejected records into the state's run, so that they are never taken for leavers.</summary>
    [Parameter]
    [ValidateNotNull]
    public EntraInboundProvisioning.Engine.Sync.ProvisioningState? State { get; set; }

    private CustomNamespaceOptions? CustomNamespace =>
        ScimSchemaNamespace is null ? null : new CustomNamespaceOptions(ScimSchemaNamespace, NamespaceColumn);

    protected override void BeginProcessing()
    {
        if (State is not null)
        {
            StateAccess.RequireOpen(this, State, "ConvertToScimUser");
        }
        if (NamespaceColumn is not null && ScimSchemaNamespace is null)
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentException("-NamespaceColumn names the columns to put under -ScimSchemaNamespace: give that too."),
                "ConvertToScimUserNamespaceMissing", ErrorCategory.InvalidArgument, NamespaceColumn));
        }
        if (TimeZone is not null)
        {
            try
            {
                _timeZone = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
            }
            catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException(
                    $"-TimeZone '{TimeZone}' is not a time zone this machine knows. Give an IANA name such as 'Europe/Paris' or 'UTC' " +
                    "(Windows names such as 'W. Europe Standard Time' work too).", ex),
                    "ConvertToScimUserUnknownTimeZone", ErrorCategory.InvalidArgument, TimeZone));
            }
        }
        try
        {
            if (ScimSchemaNamespace is not null)
            {
                MappingCompiler.CheckCustomNamespace(ScimSchemaNamespace);
            }
            if (Mapping is not null)
            {
                _converter = NewConverter(MappingLoader.Load(this, Mapping, CustomNamespace, _reader));
            }
        }
        catch (MappingException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "ConvertToScimUserInvalidMapping", ErrorCategory.InvalidData, ex.Key));
        }
    }

    protected override void ProcessRecord()
    {
        if (InputObject is null)
        {
            return;
        }
        CancelToken.ThrowIfCancellationRequested();
        var record = new PSWorkerRecord(InputObject);
        _converter ??= NewConverter(MappingLoader.Identity(record, CustomNamespace));
        if (CheckColumns(record) is { } missing)
        {
            Reject(missing, record);
            return;
        }

        ScimConversionResult result = _converter.Convert(record);
        if (result.User is { } user)
        {
            _converted++;
            WriteObject(user);
            return;
        }
        Reject(result.Fault!, record);
    }

    private void Reject(ScimRecordFault fault, PSWorkerRecord record)
    {
        _rejected++;
        RecordRejection(fault, record);
        if (_faults.Add(fault))
        {
            WriteFault(fault, InputObject);
        }
    }

    protected override void EndProcessing()
    {
        foreach (ScimRecordFault summary in _faults.Summaries())
        {
            WriteFault(summary, null);
        }
        long blank = _faults.Count(ScimRecordFaultKind.MissingExternalId);
        if (blank > 0 && _converter?.Mapping.ExternalIdColumn is { } column)
        {
            WriteWarning($"The column '{column}' that externalId is mapped from is blank in {blank} of {_converted + _rejected} records; " +
                "those records were not converted. Fill the IDs in the source, or leave such records out before ConvertTo-ScimUser.");
        }
        WriteVerbose($"ConvertTo-ScimUser: {_converted} users converted, {_rejected} records rejected.");
        _reader.Dispose();
    }

    private ScimUserConverter NewConverter(ScimMapping mapping)
    {
        foreach (string warning in mapping.Warnings)
        {
            WriteWarning(warning);
        }
        return new ScimUserConverter(mapping, IncludeEmpty, _timeZone);
    }

    private void WriteFault(ScimRecordFault fault, object? target) =>
        WriteError(new ErrorRecord(new InvalidDataException(fault.Message), "ConvertToScimUser" + fault.Kind,
            fault.Kind == ScimRecordFaultKind.DuplicateExternalId ? ErrorCategory.ResourceExists : ErrorCategory.InvalidData, target)
        {
            ErrorDetails = new ErrorDetails(fault.Message) { RecommendedAction = "Correct the record or the mapping and convert it again." },
        });

    private void RecordRejection(ScimRecordFault fault, PSWorkerRecord record)
    {
        IReadOnlyList<EntraInboundProvisioning.Engine.Sync.ProvisioningState> targets = OpenStateRegistry.RecordingTargets(State);
        if (targets.Count == 0 || fault.Kind == ScimRecordFaultKind.DuplicateExternalId)
        {
            return;
        }
        string? externalId = null;
        try
        {
            externalId = _converter!.Mapping.Core.FirstOrDefault(a => a.Attribute.Name == "externalId")?.Getter?.Get(record)?.ToString();
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not PipelineStoppedException)
        {
            // The externalId itself cannot be read: the record counts as a row whose worker is unknown.
        }
        foreach (EntraInboundProvisioning.Engine.Sync.ProvisioningState target in targets)
        {
            if (string.IsNullOrWhiteSpace(externalId))
            {
                target.RecordRejectedWithoutId();
            }
            else
            {
                target.RecordRejected(externalId);
            }
        }
    }

    // Every record of a new shape (a new file) is checked once for the columns the mapping reads; records without a
    // shape (objects, hashtables) whenever their property names differ from the last record's. The first check stops
    // the run; a later object that lacks a column is a record error, for it and every record with the same names.
    private ScimRecordFault? CheckColumns(PSWorkerRecord record)
    {
        object? shape = record.Shape;
        List<string>? names = null;
        if (shape is null)
        {
            names = record.FieldNames.ToList();
            if (_checkedNames is not null && names.SequenceEqual(_checkedNames, StringComparer.OrdinalIgnoreCase))
            {
                return _namesFault;
            }
        }
        else if (ReferenceEquals(shape, _checkedShape))
        {
            return null;
        }
        bool first = !_checkedFirst;
        _checkedFirst = true;
        _checkedShape = shape;
        _checkedNames = names;
        _namesFault = null;
        try
        {
            foreach (string warning in MappingCompiler.CheckColumns(_converter!.Mapping, record))
            {
                if (_columnWarnings.Add(warning))
                {
                    WriteWarning(warning);
                }
            }
        }
        catch (MappingException ex) when (shape is null && !first)
        {
            _namesFault = new ScimRecordFault(ScimRecordFaultKind.MissingColumn, ex.Key, null, null, 0,
                ex.Message + " The record is not sent; give every record the columns the mapping reads.");
        }
        catch (MappingException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "ConvertToScimUserMissingColumn", ErrorCategory.InvalidData, ex.Key));
        }
        return _namesFault;
    }
}
