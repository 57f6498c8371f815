namespace EntraInboundProvisioning.Engine.Sync;

/// <summary>Another process (another run of the same job) has the state open.</summary>
public sealed class StateLockedException(string message, Exception? inner = null) : Exception(message, inner);
