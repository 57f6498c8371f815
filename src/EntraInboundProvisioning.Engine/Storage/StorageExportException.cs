namespace EntraInboundProvisioning.Engine.Storage;

/// <summary>
/// An export cannot be found or read. <see cref="SourceUri"/> and the message carry the URL without its query, so a
/// SAS token never leaves with the error; the storage SDK's exception is not kept for the same reason.
/// </summary>
public sealed class StorageExportException(StorageFaultKind kind, string source, string message) : Exception(message)
{
    public StorageFaultKind Kind { get; } = kind;

    /// <summary>The URL without its query.</summary>
    public string SourceUri { get; } = source;
}
