namespace EntraInboundProvisioning.Engine.Jobs;

/// <summary>A custom attribute to have in the job's schema: urn:...:User:Name, its type, and the mapping key or column it comes from.</summary>
public sealed record SchemaAttributeRequest(string Name, string Type, string Source);
