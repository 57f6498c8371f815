namespace EntraInboundProvisioning.Engine.Storage;

/// <summary>A blob or file that a listing found: its path in the container or share, size and last change.</summary>
public sealed record StorageExportItem(string Path, long? Length, DateTimeOffset? LastModified);
