namespace EntraInboundProvisioning.Engine.Mapping;

/// <summary>A value that cannot be given its attribute's type.</summary>
public sealed class ScimValueException(string message) : Exception(message);
