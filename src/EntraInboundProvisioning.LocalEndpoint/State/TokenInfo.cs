namespace EntraInboundProvisioning.LocalEndpoint.State;

/// <summary>An access token the endpoint issued or was given, and the application permissions (roles) it carries.</summary>
public sealed record TokenInfo(IReadOnlySet<string> Roles, DateTimeOffset ExpiresOn);
