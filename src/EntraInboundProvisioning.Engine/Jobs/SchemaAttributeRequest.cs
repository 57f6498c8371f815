namespace EntraInboundProvisioning.Engine.Jobs;

/// <summary>
/// A custom attribute to have in the job's schema: urn:...:User:Name, its type, and the mapping key or column it comes
/// from. TypeDefaulted: nothing gave its type (no export row to convert, or no value in it), so it is String.
/// </summary>
public sealed record SchemaAttributeRequest(string Name, string Type, string Source, bool TypeDefaulted = false);
