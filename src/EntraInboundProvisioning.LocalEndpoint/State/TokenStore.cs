using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace EntraInboundProvisioning.LocalEndpoint.State;

/// <summary>The tokens the endpoint accepts: the static one given at start, and those it issued.</summary>
public sealed class TokenStore
{
    private readonly ConcurrentDictionary<string, TokenInfo> _tokens = new(StringComparer.Ordinal);

    public TokenStore(string staticToken)
    {
        StaticToken = staticToken;
        _tokens[staticToken] = new TokenInfo(Permissions.All, DateTimeOffset.MaxValue);
    }

    public string StaticToken { get; }

    public (string Token, TokenInfo Info) Issue(IEnumerable<string> roles, TimeSpan lifetime)
    {
        string token = "local." + Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        var info = new TokenInfo(new HashSet<string>(roles, StringComparer.OrdinalIgnoreCase), DateTimeOffset.UtcNow + lifetime);
        _tokens[token] = info;
        return (token, info);
    }

    public TokenInfo? Find(string token) =>
        _tokens.TryGetValue(token, out TokenInfo? info) && info.ExpiresOn > DateTimeOffset.UtcNow ? info : null;

    public static string NewSecret() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
}
