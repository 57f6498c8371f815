using Azure.Core;
using Azure.Identity;

namespace EntraInboundProvisioning.Engine.Identity;

/// <summary>Builds the Azure.Identity credential for what the admin gave, on the right cloud's authority.</summary>
public static class CredentialFactory
{
    public static TokenCredential Create(CredentialSpec spec)
    {
        Uri authority = CloudEndpoints.For(spec.Cloud).AuthorityHost;
        return spec.Kind switch
        {
            CredentialKind.ClientSecret => new ClientSecretCredential(Required(spec.TenantId, "TenantId"), Required(spec.ClientId, "ClientId"),
                Required(spec.ClientSecret, "ClientSecret"), new ClientSecretCredentialOptions { AuthorityHost = authority }),
            CredentialKind.Certificate => new ClientCertificateCredential(Required(spec.TenantId, "TenantId"), Required(spec.ClientId, "ClientId"),
                spec.Certificate ?? throw new ArgumentException("A certificate is required."), new ClientCertificateCredentialOptions { AuthorityHost = authority }),
            CredentialKind.ManagedIdentity => spec.ClientId is { Length: > 0 } clientId
                ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
                : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned),
            CredentialKind.InteractiveBrowser => new InteractiveBrowserCredential(new InteractiveBrowserCredentialOptions
            {
                TenantId = spec.TenantId, ClientId = spec.ClientId ?? DefaultPublicClientId, AuthorityHost = authority,
            }),
            CredentialKind.DeviceCode => new DeviceCodeCredential(new DeviceCodeCredentialOptions
            {
                TenantId = spec.TenantId,
                ClientId = spec.ClientId ?? DefaultPublicClientId,
                AuthorityHost = authority,
                DeviceCodeCallback = (code, _) =>
                {
                    spec.DeviceCodePrompt?.Invoke(code.Message);
                    return Task.CompletedTask;
                },
            }),
            CredentialKind.AccessToken => new StaticTokenCredential(Required(spec.AccessToken, "AccessToken"), DateTimeOffset.UtcNow.AddHours(1)),
            CredentialKind.Environment => new EnvironmentCredential(new EnvironmentCredentialOptions { AuthorityHost = authority }),
            _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Kind, "Unknown credential kind."),
        };
    }

    // Microsoft Graph Command Line Tools, the public client that Connect-MgGraph signs in with.
    public const string DefaultPublicClientId = "14d82eec-204b-4c2f-b7e8-296a70dab67e";

    private static string Required(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"{name} is required for this way of signing in.") : value;
}
