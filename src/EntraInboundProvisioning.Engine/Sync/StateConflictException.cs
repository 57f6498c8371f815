namespace EntraInboundProvisioning.Engine.Sync;

/// <summary>A state kept in storage was changed by someone else while open, so this run's copy was not written back.</summary>
public sealed class StateConflictException(string message) : Exception(message);
