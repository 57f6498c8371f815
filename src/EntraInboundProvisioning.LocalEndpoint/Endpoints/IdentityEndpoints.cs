using System.Globalization;
using System.Text.Json.Nodes;
using EntraInboundProvisioning.LocalEndpoint.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EntraInboundProvisioning.LocalEndpoint.Endpoints;

/// <summary>
/// Tokens the way Azure Automation and App Service hand a managed identity to code (protocol 2019-08-01):
/// GET IDENTITY_ENDPOINT?resource=...&amp;api-version=2019-08-01 with the header X-IDENTITY-HEADER: IDENTITY_HEADER.
/// </summary>
internal static class IdentityEndpoints
{
    public const string Path = "/msi/token";

    public static readonly TimeSpan ManagedIdentityTokenLifetime = TimeSpan.FromMinutes(4);

    public static void Map(IEndpointRouteBuilder app, string identityHeader) =>
        app.MapGet(Path, (HttpContext context, TokenStore tokens, TimeProvider time) =>
        {
            if (context.Request.Headers["X-IDENTITY-HEADER"].ToString() != identityHeader)
            {
                return Error(401, "invalid_request", "The X-IDENTITY-HEADER header is missing or wrong: send the value of IDENTITY_HEADER.");
            }
            if (context.Request.Query["api-version"].ToString() != "2019-08-01")
            {
                return Error(400, "invalid_request", "api-version must be 2019-08-01.");
            }
            string resource = context.Request.Query["resource"].ToString();
            if (resource.Length == 0)
            {
                return Error(400, "invalid_request", "The resource parameter is required, such as https://graph.microsoft.com.");
            }
            // Shorter than the 5 minutes before expiry at which MSAL stops serving a cached token: its managed-identity
            // cache is shared by the whole process, so a token of an endpoint started earlier in the same session
            // (and unknown to this one) would otherwise be reused and answered 401.
            (string token, TokenInfo info) = tokens.Issue(Permissions.All, ManagedIdentityTokenLifetime);
            string clientId = context.Request.Query["client_id"].ToString();
            var body = new JsonObject
            {
                ["access_token"] = token,
                ["expires_on"] = info.ExpiresOn.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                ["resource"] = resource,
                ["token_type"] = "Bearer",
                ["client_id"] = clientId.Length > 0 ? clientId : "6a1c5f6e-0000-4000-8000-0000000000mi",
            };
            return Graph.GraphJson.Result(body);
        });

    private static IResult Error(int status, string code, string message) =>
        Graph.GraphJson.Result(new JsonObject { ["error"] = code, ["error_description"] = message }, status);
}
