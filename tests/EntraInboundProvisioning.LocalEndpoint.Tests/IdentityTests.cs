using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using static EntraInboundProvisioning.LocalEndpoint.Tests.EndpointHarness;

namespace EntraInboundProvisioning.LocalEndpoint.Tests;

public class IdentityTests
{
    [Fact]
    public async Task AManagedIdentityTokenFromTheIdentityEndpointIsAcceptedByGraph()
    {
        await using EndpointHarness harness = await StartAsync();
        using var anonymous = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, harness.Endpoint.IdentityEndpoint + "?api-version=2019-08-01&resource=https://graph.microsoft.com");
        request.Headers.Add("X-IDENTITY-HEADER", harness.Endpoint.IdentityHeader);
        HttpResponseMessage response = await anonymous.SendAsync(request);
        JsonNode token = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Bearer", (string)token["token_type"]!);
        Assert.True(long.Parse((string)token["expires_on"]!) > DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        harness.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)token["access_token"]!);
        Assert.Equal(HttpStatusCode.Accepted, (await harness.UploadAsync(Bulk(User("E1")))).StatusCode);
    }

    [Fact]
    public async Task TheIdentityEndpointWantsItsHeaderAndApiVersion()
    {
        await using EndpointHarness harness = await StartAsync();
        using var client = new HttpClient();
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await client.GetAsync(harness.Endpoint.IdentityEndpoint + "?api-version=2019-08-01&resource=https://graph.microsoft.com")).StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Get, harness.Endpoint.IdentityEndpoint + "?resource=https://graph.microsoft.com");
        request.Headers.Add("X-IDENTITY-HEADER", harness.Endpoint.IdentityHeader);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task TheControlsNeedTheStaticToken()
    {
        await using EndpointHarness harness = await StartAsync();
        using var client = new HttpClient { BaseAddress = harness.Endpoint.Uri };
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/_local/reset", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/_local/directory")).StatusCode);
    }
}
