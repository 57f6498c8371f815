namespace EntraInboundProvisioning.Engine.Provisioning;

/// <summary>What stopped a run: the kind, the service's or the network's words, the request it happened to, and how long the service asked to wait.</summary>
public sealed record SendStop(SendStopKind Kind, string Message, int RequestIndex, TimeSpan? RetryAfter);
