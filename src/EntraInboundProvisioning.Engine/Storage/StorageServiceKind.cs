namespace EntraInboundProvisioning.Engine.Storage;

/// <summary>The Azure Storage service an export is read from.</summary>
public enum StorageServiceKind
{
    Blob,
    File,
}
