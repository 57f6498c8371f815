using System.Text;

namespace EntraInboundProvisioning.Engine.Scim;

/// <summary>A worker as a SCIM user: its JSON (the data of one bulk operation) and the fields people look at.</summary>
public sealed class ScimUser
{
    private readonly byte[] _utf8Json;

    public ScimUser(string externalId, byte[] utf8Json, string? userName, string? displayName, bool? active, string? managerId,
        string? sourceFile, long lineNumber)
    {
        ExternalId = externalId;
        _utf8Json = utf8Json;
        UserName = userName;
        DisplayName = displayName;
        Active = active;
        ManagerId = managerId;
        SourceFile = sourceFile;
        LineNumber = lineNumber;
    }

    public string ExternalId { get; }

    public string? UserName { get; }

    public string? DisplayName { get; }

    public bool? Active { get; }

    /// <summary>The manager's externalId (enterprise manager.value), if mapped.</summary>
    public string? ManagerId { get; }

    public string? SourceFile { get; }

    public long LineNumber { get; }

    public string? Source => SourceFile is null ? null : $"{SourceFile}:{LineNumber}";

    // Internal: a span cannot be shown, so as a public property it would be a blank column in Format-List and Export-Csv.
    internal ReadOnlySpan<byte> Utf8Json => _utf8Json;

    public string Json => Encoding.UTF8.GetString(_utf8Json);

    public override string ToString() => ExternalId;
}
