using Azure.Core;
using EntraInboundProvisioning.Engine.Identity;
using Microsoft.Graph;
using Microsoft.Kiota.Authentication.Azure;

namespace EntraInboundProvisioning.Engine.Provisioning;

/// <summary>
/// A signed-in Graph client for one cloud (or the local endpoint), and the provisioning job to use by default.
/// Tokens go only to the Graph host of the connection; plain http only to loopback.
/// </summary>
public sealed class ProvisioningConnection : IDisposable
{
    private readonly HttpClient _http;

    private ProvisioningConnection(GraphServiceClient client, HttpClient http, Uri graphUri, string description, TokenCredential credential, string scope, CloudEnvironment cloud)
    {
        Cloud = cloud;
        Client = client;
        _http = http;
        GraphUri = graphUri;
        Description = description;
        Credential = credential;
        Scope = scope;
    }

    internal GraphServiceClient Client { get; }

    public Uri GraphUri { get; }

    /// <summary>How the connection signs in, without secrets.</summary>
    public string Description { get; }

    public ProvisioningTarget? DefaultTarget { get; set; }

    /// <summary>The cloud the credential signs in to, whose storage accounts its tokens are good for.</summary>
    public CloudEnvironment Cloud { get; }

    internal TokenCredential Credential { get; }

    internal string Scope { get; }

    public static ProvisioningConnection Create(CredentialSpec credential, Uri? graphUri = null) =>
        Create(CredentialFactory.Create(credential), credential.Cloud, graphUri, credential.ToString());

    /// <summary>
    /// How long a new connection may take to open. A host behind a firewall that drops packets never answers: without
    /// this the call would wait out the whole request timeout and look as if its body had gone out (Unknown).
    /// </summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);

    public static ProvisioningConnection Create(TokenCredential credential, CloudEnvironment cloud, Uri? graphUri, string description) =>
        Create(credential, cloud, graphUri, description, ConnectTimeout);

    internal static ProvisioningConnection Create(TokenCredential credential, CloudEnvironment cloud, Uri? graphUri, string description, TimeSpan connectTimeout)
    {
        CloudEndpoints endpoints = CloudEndpoints.For(cloud);
        Uri graph = graphUri ?? endpoints.GraphUri;
        if (graph.Scheme == Uri.UriSchemeHttp && !graph.IsLoopback)
        {
            throw new ArgumentException($"'{graph}' uses plain http: tokens are sent over http only to loopback (the local endpoint). Use https.");
        }
        if (graph.Scheme != Uri.UriSchemeHttp && graph.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"'{graph}' is not an http(s) address.");
        }
        string root = graph.GetLeftPart(UriPartial.Path).TrimEnd('/');
        string baseUrl = root.EndsWith("/v1.0", StringComparison.OrdinalIgnoreCase) || root.EndsWith("/beta", StringComparison.OrdinalIgnoreCase) ? root : root + "/v1.0";
        var auth = new AzureIdentityAuthenticationProvider(credential, [graph.Host], null, false, endpoints.Scope);
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = connectTimeout,
            AllowAutoRedirect = false,
            AutomaticDecompression = System.Net.DecompressionMethods.All,
            EnableMultipleHttp2Connections = true,
        };
        HttpClient http = GraphClientFactory.Create(finalHandler: handler);
        var client = new GraphServiceClient(http, auth, baseUrl);
        return new ProvisioningConnection(client, http, new Uri(baseUrl + "/"), description, credential, endpoints.Scope, cloud);
    }

    /// <summary>Gets a token now, so that an interactive or device-code sign-in happens when the admin connects.</summary>
    public async Task SignInAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Credential.GetTokenAsync(new TokenRequestContext([Scope]), cancellationToken);
        }
        catch (Exception ex) when (IsSignInFailure(ex))
        {
            throw SignInFailed(ex);
        }
    }

    /// <summary>Whether the credential, not the service, failed: no token was got, so no request went out with it.</summary>
    internal static bool IsSignInFailure(Exception ex) =>
        ex is Azure.Identity.CredentialUnavailableException or Azure.Identity.AuthenticationFailedException or Azure.RequestFailedException;

    internal SignInFailedException SignInFailed(Exception ex) => ex is Azure.Identity.CredentialUnavailableException
        ? new SignInFailedException($"Signing in ({Description}) is not possible here: {ex.Message}", ex)
        : new SignInFailedException($"Signing in ({Description}) failed: {ex.Message}", ex);

    public void Dispose() => _http.Dispose();
}
