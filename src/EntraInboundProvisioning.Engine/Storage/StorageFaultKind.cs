namespace EntraInboundProvisioning.Engine.Storage;

public enum StorageFaultKind
{
    InvalidUri,
    NoCredential,
    WrongCloud,
    NotFound,
    NoMatch,
    Forbidden,
    Interrupted,
    Changed,
    Failed,
}
