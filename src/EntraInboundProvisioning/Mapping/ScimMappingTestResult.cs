namespace EntraInboundProvisioning.Mapping;

/// <summary>What Test-ScimMapping found: whether the mapping can be used and, if not, which key is at fault and why.</summary>
public sealed record ScimMappingTestResult(bool IsValid, string? Key, string? Problem, IReadOnlyList<string> Schemas, IReadOnlyList<string> Columns);
