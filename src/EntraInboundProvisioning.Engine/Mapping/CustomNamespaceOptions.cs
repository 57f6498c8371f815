namespace EntraInboundProvisioning.Engine.Mapping;

/// <summary>
/// Puts input columns under a custom extension, as CSV2SCIM's -ScimSchemaNamespace does: the named columns, or
/// when none are named every column of the row (an attribute the mapping puts there replaces the column of its name).
/// </summary>
public sealed record CustomNamespaceOptions(string Urn, IReadOnlyList<string>? Columns = null);
