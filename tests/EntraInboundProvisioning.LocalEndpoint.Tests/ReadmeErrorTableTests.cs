using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EntraInboundProvisioning.Engine.Tests;
using static EntraInboundProvisioning.LocalEndpoint.Tests.EndpointHarness;

namespace EntraInboundProvisioning.LocalEndpoint.Tests;

/// <summary>README's table of the endpoint's 400s against what it answers: one request per row, its status and its message.</summary>
public class ReadmeErrorTableTests
{
    private const string Op = """{"method":"POST","bulkId":"1","path":"/Users","data":{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"externalId":"E1"}}""";

    private static string Wrap(string ops, string root = "") => $$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"Operations":[{{ops}}]{{root}}}""";

    private static string OpWith(string from, string to) => Wrap(Op.Replace(from, to, StringComparison.Ordinal));

    private static readonly string Schema = """{"directories":[{"name":"API","objects":[{"name":"User","attributes":[ATTRIBUTES]}]}]}""";

    // Each row's request, by the row's When; it returns the answer's status and message.
    private static readonly Dictionary<string, Func<EndpointHarness, Task<(int, string)>>> Requests = new()
    {
        ["The body is larger than Kestrel's limit (30,000,000 bytes); code `RequestEntityTooLarge`"] = h => TooLarge(h),
        ["Content-Type is not `application/scim+json`"] = h => Graph(h.UploadAsync(Bulk(User("E1")), "application/json")),
        ["The body is not parsable JSON (the parser's words, with line and byte)"] = h => Upload(h, "{not json"),
        ["A string or key is not valid UTF-8 (bytes that are not UTF-8, or a lone surrogate escape such as `\\ud800`)"] = h => Graph(h.UploadAsync(Encoding.Latin1.GetBytes(OpWith("\"E1\"", "\"Ré\"")))),
        ["A key appears twice in one object (`$.schemas`, `$.Operations[i].data.…`)"] = h => Upload(h, """{"schemas":[],"schemas":[],"Operations":[]}"""),
        ["Two keys of one object differ only in case (SCIM names ignore case)"] = h => Upload(h, OpWith("\"externalId\":\"E1\"", "\"externalId\":\"E1\",\"ExternalID\":\"E2\"")),
        ["The body is not an object"] = h => Upload(h, "[]"),
        ["`schemas` lacks the BulkRequest URN"] = h => Upload(h, """{"Operations":[]}"""),
        ["No `Operations` array"] = h => Upload(h, """{"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"]}"""),
        ["`failOnErrors` is given and not an integer"] = h => Upload(h, Wrap(Op, ",\"failOnErrors\":\"abc\"")),
        ["More than 50 operations"] = h => Upload(h, Wrap(string.Join(",", Enumerable.Repeat(Op, 51)))),
        ["An operation is not an object"] = h => Upload(h, Wrap("1")),
        ["`method`, `path` or `bulkId` is not a string"] = h => Upload(h, OpWith("\"bulkId\":\"1\"", "\"bulkId\":1")),
        ["`method` is not POST"] = h => Upload(h, OpWith("\"POST\"", "\"PATCH\"")),
        ["`path` is not /Users (any case)"] = h => Upload(h, OpWith("/Users", "/Groups")),
        ["No `bulkId`"] = h => Upload(h, OpWith("\"bulkId\":\"1\",", "")),
        ["No `data` object"] = h => Upload(h, Wrap("""{"method":"POST","bulkId":"1","path":"/Users"}""")),
        ["`data.schemas` lacks the core User URN"] = h => Upload(h, OpWith("urn:ietf:params:scim:schemas:core:2.0:User", "urn:x")),
        ["No or an empty `externalId`"] = h => Upload(h, OpWith("\"E1\"", "\"\"")),
        ["`externalId` is not a string"] = h => Upload(h, OpWith("\"E1\"", "1001")),
        ["`userName` or `displayName` is neither a string nor null"] = h => Upload(h, OpWith("\"E1\"", "\"E1\",\"userName\":5")),
        ["`active` is neither a boolean nor null (`\"false\"` is a string)"] = h => Upload(h, OpWith("\"E1\"", "\"E1\",\"active\":\"false\"")),
        ["The body is not parsable JSON"] = h => Graph(h.Client.PutAsync(JobPath(h, "schema"), Json("{not json"))),
        ["An unknown `criteria.resetScope`"] = h => Graph(h.Client.PostAsync(JobPath(h, "restart"), Json("""{"criteria":{"resetScope":"Nope"}}"""))),
        ["No `directories` array"] = h => Graph(h.Client.PutAsync(JobPath(h, "schema"), Json("{}"))),
        ["An attribute without a name"] = h => Graph(h.Client.PutAsync(JobPath(h, "schema"), Json(Schema.Replace("ATTRIBUTES", "{}")))),
        ["A custom attribute name with spaces or quotes"] = h => Graph(h.Client.PutAsync(JobPath(h, "schema"), Json(Schema.Replace("ATTRIBUTES", """{"name":"urn:ietf:params:scim:schemas:extension:csv:1.0:User:Hire Date"}""")))),
        ["An attribute defined twice in an object"] = h => Graph(h.Client.PutAsync(JobPath(h, "schema"), Json(Schema.Replace("ATTRIBUTES", """{"name":"a"},{"name":"a"}""")))),
        ["A `$filter` clause it does not take (names the supported properties and operators)"] = h => Graph(h.Client.GetAsync("/v1.0/auditLogs/provisioning?$filter=nope eq 1")),
        ["`$top` outside 1 to 1000"] = h => Graph(h.Client.GetAsync("/v1.0/auditLogs/provisioning?$top=0")),
        ["A `$skiptoken` it did not write"] = h => Graph(h.Client.GetAsync("/v1.0/auditLogs/provisioning?$skiptoken=x")),
        ["`api-version` is not 2019-08-01"] = h => Identity(h, "/msi/token?api-version=2018-02-01&resource=https://graph.microsoft.com"),
        ["No `resource`"] = h => Identity(h, "/msi/token?api-version=2019-08-01"),
        ["The body is not parsable JSON (an empty body is no body)"] = h => Local(h.Client.PostAsync("/_local/tokens", Json("{not json"))),
        ["`roles` is not an array of strings"] = h => Local(h.Client.PostAsync("/_local/tokens", Json("""{"roles":"AuditLog.Read.All"}"""))),
        ["A value of the wrong type"] = h => Local(h.Client.PutAsync("/_local/faults", Json("""{"dropRate":"x"}"""))),
        ["The body is JSON `null` or empty"] = h => Local(h.Client.PutAsync("/_local/faults", Json("null"))),
    };

    public static TheoryData<string, string, int, string> Rows()
    {
        string readme = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "README.md"));
        string table = readme[readme.IndexOf("| Path | Status | When | Message |", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("\n\n", StringComparison.Ordinal)];
        var rows = new TheoryData<string, string, int, string>();
        foreach (string line in table.Split('\n').Skip(2))
        {
            string[] cells = line.Trim().Trim('|').Split(" | ").Select(cell => cell.Trim()).ToArray();
            rows.Add(cells[0], cells[2], int.Parse(cells[1]), cells[3].Trim('`'));
        }
        return rows;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task EachDocumentedAnswerIsWhatTheEndpointGives(string path, string when, int status, string template)
    {
        Assert.True(Requests.ContainsKey(when), $"README row '{path}: {when}' has no request in this test: add one.");
        await using EndpointHarness harness = await StartAsync();
        (int actualStatus, string message) = await Requests[when](harness);

        Assert.Equal(status, actualStatus);
        string pattern = "^" + Regex.Escape(template).Replace("…", ".*", StringComparison.Ordinal).Replace(@"Operations\[i]", @"Operations\[\d+]", StringComparison.Ordinal) + "$";
        Assert.Matches(new Regex(pattern, RegexOptions.Singleline), message);
    }

    [Fact]
    public void EveryRequestHereIsARowOfTheTable()
    {
        var documented = Rows().Select(row => (string)row[1]).ToHashSet();
        Assert.Equal([], Requests.Keys.Where(when => !documented.Contains(when)).ToArray());
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static string JobPath(EndpointHarness h, string action) =>
        $"/v1.0/servicePrincipals/{h.Endpoint.ServicePrincipalId}/synchronization/jobs/{h.Endpoint.JobId}/{action}";

    private static Task<(int, string)> Upload(EndpointHarness h, string body) => Graph(h.UploadAsync(body));

    // Kestrel refuses a body over its limit on its Content-Length and closes the connection: with 100-continue the
    // client reads the answer instead of failing to send the rest.
    private static Task<(int, string)> TooLarge(EndpointHarness h)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, h.UploadPath)
        {
            Content = new StringContent(Wrap(Op.Replace("\"E1\"", "\"" + new string('x', 30_000_001) + "\"", StringComparison.Ordinal)), Encoding.UTF8, "application/scim+json"),
        };
        request.Headers.ExpectContinue = true;
        return Graph(h.Client.SendAsync(request));
    }

    private static async Task<(int, string)> Graph(Task<HttpResponseMessage> request)
    {
        HttpResponseMessage response = await request;
        return ((int)response.StatusCode, (string)(await ErrorAsync(response))["message"]!);
    }

    private static async Task<(int, string)> Local(Task<HttpResponseMessage> request)
    {
        HttpResponseMessage response = await request;
        return ((int)response.StatusCode, (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!);
    }

    private static async Task<(int, string)> Identity(EndpointHarness h, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-IDENTITY-HEADER", h.Endpoint.IdentityHeader);
        request.Headers.Authorization = null;
        HttpResponseMessage response = await h.Client.SendAsync(request);
        return ((int)response.StatusCode, (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error_description"]!);
    }
}
