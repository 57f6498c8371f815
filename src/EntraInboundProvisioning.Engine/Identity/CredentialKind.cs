namespace EntraInboundProvisioning.Engine.Identity;

public enum CredentialKind
{
    ClientSecret,
    Certificate,
    ManagedIdentity,
    InteractiveBrowser,
    DeviceCode,
    AccessToken,
    Environment,
}
