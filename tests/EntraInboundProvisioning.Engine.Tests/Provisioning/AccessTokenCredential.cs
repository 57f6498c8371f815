using Azure.Core;

namespace EntraInboundProvisioning.Engine.Tests.Provisioning;

/// <summary>A credential that always has a token, for tests whose point is the network, not the sign-in.</summary>
internal sealed class AccessTokenCredential : TokenCredential
{
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new("token", DateTimeOffset.UtcNow.AddHours(1));

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
