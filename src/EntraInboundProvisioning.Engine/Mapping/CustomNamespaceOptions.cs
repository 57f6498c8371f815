namespace EntraInboundProvisioning.Engine.Mapping;

/// <summary>
/// Puts input columns under a custom extension, as CSV2SCIM's -ScimSchemaNamespace does: the named columns, or
/// when none are named every column that the mapping does not use.
/// </summary>
public sealed record CustomNamespaceOptions(string Urn, IReadOnlyList<string>? Columns = null);
