using EntraInboundProvisioning.LocalEndpoint.Graph;
using EntraInboundProvisioning.LocalEndpoint.State;
using Microsoft.AspNetCore.Http;

namespace EntraInboundProvisioning.LocalEndpoint.Endpoints;

/// <summary>What every Graph call checks: the bearer token and its permissions.</summary>
internal static class RequestContext
{
    /// <summary>Null when the token may make the call; else the 401 or 403 answer, which names the least privileged permission.</summary>
    public static IResult? Authorize(HttpContext context, TokenStore tokens, string permission, params string[] alsoAccepted)
    {
        string header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            return GraphError.Result(context, 401, "InvalidAuthenticationToken", "Access token is empty. Send 'Authorization: Bearer <token>'.");
        }
        TokenInfo? token = tokens.Find(header[7..].Trim());
        if (token is null)
        {
            return GraphError.Result(context, 401, "InvalidAuthenticationToken", "Access token validation failure: the token is unknown or has expired.");
        }
        if (!token.Roles.Contains(permission) && !alsoAccepted.Any(token.Roles.Contains))
        {
            return GraphError.Result(context, 403, "Authorization_RequestDenied",
                alsoAccepted.Length == 0
                    ? $"Insufficient privileges to complete the operation: the token lacks the application permission '{permission}'."
                    : $"Insufficient privileges to complete the operation: the token lacks an application permission this call accepts: {string.Join(", ", new[] { permission }.Concat(alsoAccepted).Select(p => $"'{p}'"))}.");
        }
        return null;
    }

    public static string BaseUri(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}";
}
