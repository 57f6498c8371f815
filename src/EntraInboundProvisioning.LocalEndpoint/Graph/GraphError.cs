using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace EntraInboundProvisioning.LocalEndpoint.Graph;

/// <summary>Graph's error envelope: {"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}.</summary>
public static class GraphError
{
    public static IResult Result(HttpContext context, int status, string code, string message, TimeSpan? retryAfter = null)
    {
        if (retryAfter is { } wait)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        var body = new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = code,
                ["message"] = message,
                ["innerError"] = new JsonObject
                {
                    ["date"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                    ["request-id"] = context.Response.Headers["request-id"].ToString(),
                    ["client-request-id"] = context.Response.Headers["client-request-id"].ToString(),
                },
            },
        };
        return GraphJson.Result(body, status);
    }
}
