namespace EntraInboundProvisioning.Engine.Sync;

/// <summary>The state file was written by a newer release than this one.</summary>
public sealed class StateVersionException(string message) : Exception(message);
