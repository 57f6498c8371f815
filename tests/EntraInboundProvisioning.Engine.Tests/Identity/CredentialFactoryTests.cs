using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Identity;
using EntraInboundProvisioning.Engine.Identity;

namespace EntraInboundProvisioning.Engine.Tests.Identity;

public class CredentialFactoryTests
{
    private const string Tenant = "00000000-0000-0000-0000-000000000001";
    private const string Client = "00000000-0000-0000-0000-000000000002";

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=eip-test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    public static TheoryData<CredentialSpec, Type> Specs() => new()
    {
        { new CredentialSpec { Kind = CredentialKind.ClientSecret, TenantId = Tenant, ClientId = Client, ClientSecret = "s" }, typeof(ClientSecretCredential) },
        { new CredentialSpec { Kind = CredentialKind.Certificate, TenantId = Tenant, ClientId = Client, Certificate = SelfSigned() }, typeof(ClientCertificateCredential) },
        { new CredentialSpec { Kind = CredentialKind.ManagedIdentity }, typeof(ManagedIdentityCredential) },
        { new CredentialSpec { Kind = CredentialKind.ManagedIdentity, ClientId = Client }, typeof(ManagedIdentityCredential) },
        { new CredentialSpec { Kind = CredentialKind.InteractiveBrowser, TenantId = Tenant }, typeof(InteractiveBrowserCredential) },
        { new CredentialSpec { Kind = CredentialKind.DeviceCode, TenantId = Tenant }, typeof(DeviceCodeCredential) },
        { new CredentialSpec { Kind = CredentialKind.AccessToken, AccessToken = "token" }, typeof(StaticTokenCredential) },
        { new CredentialSpec { Kind = CredentialKind.Environment }, typeof(EnvironmentCredential) },
    };

    [Theory]
    [MemberData(nameof(Specs))]
    public void EachWayOfSigningInBuildsItsCredential(CredentialSpec spec, Type expected) =>
        Assert.IsType(expected, CredentialFactory.Create(spec));

    [Theory]
    [InlineData(CredentialKind.ClientSecret)]
    [InlineData(CredentialKind.Certificate)]
    public void AppCredentialsNeedATenant(CredentialKind kind)
    {
        var ex = Assert.Throws<ArgumentException>(() => CredentialFactory.Create(new CredentialSpec { Kind = kind, ClientId = Client, ClientSecret = "s", Certificate = SelfSigned() }));
        Assert.Contains("TenantId", ex.Message);
    }

    [Fact]
    public void ASpecNeverShowsItsSecret()
    {
        var spec = new CredentialSpec { Kind = CredentialKind.ClientSecret, TenantId = Tenant, ClientId = Client, ClientSecret = "very-secret-value" };
        Assert.DoesNotContain("very-secret-value", spec.ToString());
    }

    [Theory]
    [InlineData(CloudEnvironment.Global, "https://login.microsoftonline.com/", "https://graph.microsoft.com/")]
    [InlineData(CloudEnvironment.USGov, "https://login.microsoftonline.us/", "https://graph.microsoft.us/")]
    [InlineData(CloudEnvironment.USGovDoD, "https://login.microsoftonline.us/", "https://dod-graph.microsoft.us/")]
    [InlineData(CloudEnvironment.China, "https://login.chinacloudapi.cn/", "https://microsoftgraph.chinacloudapi.cn/")]
    public void CloudsPairTheirAuthorityAndGraph(CloudEnvironment cloud, string authority, string graph)
    {
        CloudEndpoints endpoints = CloudEndpoints.For(cloud);
        Assert.Equal(authority, endpoints.AuthorityHost.ToString());
        Assert.Equal(graph, endpoints.GraphUri.ToString());
        Assert.Equal(graph + ".default", endpoints.Scope);
    }
}
