namespace EntraInboundProvisioning.Engine.Mapping;

/// <summary>The attributes mapped into one extension schema (enterprise or custom).</summary>
public sealed record MappedExtension(string Urn, IReadOnlyList<MappedAttribute> Attributes, bool IsCustom);
