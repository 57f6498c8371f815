using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace EntraInboundProvisioning.LocalEndpoint.Graph;

/// <summary>JSON answers as Graph writes them: readable quotes and apostrophes, not \u0027.</summary>
public static class GraphJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IResult Result(JsonNode body, int status = 200) =>
        Results.Content(body.ToJsonString(Options), "application/json", statusCode: status);
}
