using Azure.Core;
using Azure.Identity;

namespace EntraInboundProvisioning.Engine.Tests.Provisioning;

/// <summary>A credential whose token refresh fails, as a managed identity's endpoint that went down mid-run.</summary>
internal sealed class FailingCredential : TokenCredential
{
    public int Calls { get; private set; }

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        Calls++;
        throw new AuthenticationFailedException("ManagedIdentityCredential authentication failed: identity endpoint down");
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
