namespace EntraInboundProvisioning.Engine.Sync;

/// <summary>The path given for a state names a folder, not a file.</summary>
public sealed class StateIsFolderException(string message) : IOException(message);
