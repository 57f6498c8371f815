using Azure.Core;

namespace EntraInboundProvisioning.Engine.Identity;

/// <summary>An access token acquired elsewhere (Get-AzAccessToken, a pipeline's variable), used as it is until it expires.</summary>
public sealed class StaticTokenCredential(string token, DateTimeOffset expiresOn) : TokenCredential
{
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => new(token, expiresOn);

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new AccessToken(token, expiresOn));
}
