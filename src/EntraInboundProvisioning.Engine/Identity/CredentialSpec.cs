using System.Security.Cryptography.X509Certificates;

namespace EntraInboundProvisioning.Engine.Identity;

/// <summary>
/// What an admin gave to sign in with. Secrets are held only as long as the connection, and never written out:
/// <see cref="ToString"/> names the kind and the ids only.
/// </summary>
public sealed record CredentialSpec
{
    public required CredentialKind Kind { get; init; }

    public string? TenantId { get; init; }

    /// <summary>The app's client id; for a managed identity, the client id of a user-assigned identity.</summary>
    public string? ClientId { get; init; }

    public string? ClientSecret { get; init; }

    public X509Certificate2? Certificate { get; init; }

    public string? AccessToken { get; init; }

    public CloudEnvironment Cloud { get; init; } = CloudEnvironment.Global;

    /// <summary>For device code sign-in: shows the message with the code to the admin.</summary>
    public Action<string>? DeviceCodePrompt { get; init; }

    public override string ToString() =>
        $"{Kind}{(TenantId is null ? "" : $" tenant {TenantId}")}{(ClientId is null ? "" : $" client {ClientId}")}";
}
