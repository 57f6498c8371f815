namespace EntraInboundProvisioning.Engine.Mapping;

public enum ScimRecordFaultKind
{
    MissingExternalId,
    DuplicateExternalId,
    ValueFailed,
    InvalidValue,
    MissingColumn,
}
