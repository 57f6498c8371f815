namespace EntraInboundProvisioning.LocalEndpoint.State;

/// <summary>A user the local endpoint provisioned, matched on externalId (Entra's employeeId).</summary>
public sealed class DirectoryUser
{
    public required string Id { get; init; }

    public required string ExternalId { get; init; }

    public string? UserName { get; set; }

    public string? DisplayName { get; set; }

    public bool Active { get; set; } = true;

    public string? ManagerExternalId { get; set; }

    /// <summary>Every attribute as sent, flattened to paths (name.givenName, urn:...:User:department).</summary>
    public Dictionary<string, string> Attributes { get; set; } = new(StringComparer.Ordinal);

    public DateTimeOffset Created { get; init; }

    public DateTimeOffset Modified { get; set; }
}
