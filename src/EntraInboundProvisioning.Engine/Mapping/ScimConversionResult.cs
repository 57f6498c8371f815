using EntraInboundProvisioning.Engine.Scim;

namespace EntraInboundProvisioning.Engine.Mapping;

/// <summary>What converting one record gave: a SCIM user, or the fault that says why there is none.</summary>
public readonly record struct ScimConversionResult(ScimUser? User, ScimRecordFault? Fault);
