using EntraInboundProvisioning.Engine.Identity;
using EntraInboundProvisioning.Engine.Provisioning;

namespace EntraInboundProvisioning.Engine.Tests.Provisioning;

public class ProvisioningTargetTests
{
    [Theory]
    [InlineData("https://graph.microsoft.com/v1.0/servicePrincipals/abc/synchronization/jobs/API2AAD.x.y/bulkUpload", "https://graph.microsoft.com/")]
    [InlineData("https://graph.microsoft.com/beta/servicePrincipals/abc/synchronization/jobs/API2AAD.x.y/bulkUpload", "https://graph.microsoft.com/")]
    [InlineData("http://127.0.0.1:5080/v1.0/servicePrincipals/abc/synchronization/jobs/API2AAD.x.y/bulkUpload", "http://127.0.0.1:5080/")]
    public void TheProvisioningApiEndpointGivesTheGraphAddressAndTheJob(string endpoint, string graph)
    {
        (Uri graphUri, ProvisioningTarget target) = ProvisioningTarget.FromApiEndpoint(new Uri(endpoint));
        Assert.Equal(graph, graphUri.ToString());
        Assert.Equal(new ProvisioningTarget("abc", "API2AAD.x.y"), target);
    }

    [Fact]
    public void AnotherAddressIsRefusedWithWhereToFindTheRightOne()
    {
        var ex = Assert.Throws<ArgumentException>(() => ProvisioningTarget.FromApiEndpoint(new Uri("https://graph.microsoft.com/v1.0/users")));
        Assert.Contains("Provisioning page", ex.Message);
    }

    [Fact]
    public void PlainHttpIsRefusedExceptToLoopback()
    {
        var spec = new CredentialSpec { Kind = CredentialKind.AccessToken, AccessToken = "token-that-must-not-show" };
        var ex = Assert.Throws<ArgumentException>(() => ProvisioningConnection.Create(spec, new Uri("http://graph.example.com/")));
        Assert.Contains("loopback", ex.Message);

        using ProvisioningConnection local = ProvisioningConnection.Create(spec, new Uri("http://127.0.0.1:5080/"));
        Assert.Equal("http://127.0.0.1:5080/v1.0/", local.GraphUri.ToString());
        Assert.DoesNotContain("token-that-must-not-show", local.Description);
        Assert.DoesNotContain("token-that-must-not-show", spec.ToString());
    }
}
