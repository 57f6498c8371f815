using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace EntraInboundProvisioning.LocalEndpoint.Tests;

/// <summary>A local endpoint on a free loopback port for one test, with a client that holds its static token.</summary>
internal sealed class EndpointHarness : IAsyncDisposable
{
    private EndpointHarness(RunningLocalEndpoint endpoint)
    {
        Endpoint = endpoint;
        Client = new HttpClient { BaseAddress = endpoint.Uri };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", endpoint.StaticToken);
    }

    public RunningLocalEndpoint Endpoint { get; }

    public HttpClient Client { get; }

    public string UploadPath => $"/v1.0/servicePrincipals/{Endpoint.ServicePrincipalId}/synchronization/jobs/{Endpoint.JobId}/bulkUpload";

    public static async Task<EndpointHarness> StartAsync(Action<LocalEndpointOptions>? configure = null)
    {
        var options = new LocalEndpointOptions { ProcessingDelay = TimeSpan.FromMilliseconds(20) };
        configure?.Invoke(options);
        return new EndpointHarness(await LocalEndpointServer.StartAsync(options));
    }

    public static string User(string externalId, string? userName = "u@contoso.example", bool active = true, string? manager = null, string displayName = "Worker") =>
        new JsonObject
        {
            ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"),
            ["externalId"] = externalId,
            ["userName"] = userName,
            ["displayName"] = displayName,
            ["active"] = active,
            ["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"] = manager is null ? null : new JsonObject { ["manager"] = new JsonObject { ["value"] = manager } },
        }.ToJsonString();

    public static string Bulk(params string[] users) =>
        $$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"Operations":[{{string.Join(",",
            users.Select((u, i) => $$"""{"method":"POST","bulkId":"b{{i}}","path":"/Users","data":{{u}}}"""))}}],"failOnErrors":null}""";

    public Task<HttpResponseMessage> UploadAsync(string body, string contentType = "application/scim+json", string? path = null) =>
        Client.PostAsync(path ?? UploadPath, new StringContent(body, Encoding.UTF8, contentType));

    /// <summary>Uploads bytes as they are, such as a body that is not valid UTF-8.</summary>
    public Task<HttpResponseMessage> UploadAsync(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/scim+json");
        return Client.PostAsync(UploadPath, content);
    }

    /// <summary>Uploads and waits until the upload has been applied.</summary>
    public async Task UploadAndProcessAsync(params string[] users)
    {
        HttpResponseMessage response = await UploadAsync(Bulk(users));
        Assert.Equal(202, (int)response.StatusCode);
        await WaitForProcessingAsync();
    }

    public async Task WaitForProcessingAsync()
    {
        for (int i = 0; i < 500; i++)
        {
            JsonNode info = JsonNode.Parse(await Client.GetStringAsync("/_local/info"))!;
            if ((int)info["pendingUploads"]! == 0)
            {
                return;
            }
            await Task.Delay(10);
        }
        throw new TimeoutException("The endpoint did not apply the upload.");
    }

    public async Task<JsonArray> LogsAsync(string? filter = null)
    {
        string query = filter is null ? "" : "?$filter=" + Uri.EscapeDataString(filter);
        JsonNode page = JsonNode.Parse(await Client.GetStringAsync("/v1.0/auditLogs/provisioning" + query))!;
        return page["value"]!.AsArray();
    }

    public static async Task<JsonNode> ErrorAsync(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Endpoint.DisposeAsync();
    }
}
