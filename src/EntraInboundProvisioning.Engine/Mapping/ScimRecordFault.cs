namespace EntraInboundProvisioning.Engine.Mapping;

/// <summary>A record that could not become a SCIM user, with the mapping key and value at fault.</summary>
public sealed record ScimRecordFault(ScimRecordFaultKind Kind, string Key, string? Value, string? SourceFile, long LineNumber, string Message)
{
    public string? Source => SourceFile is null ? null : $"{SourceFile}:{LineNumber}";
}
