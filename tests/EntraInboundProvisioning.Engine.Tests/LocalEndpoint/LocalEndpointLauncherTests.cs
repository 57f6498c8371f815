using EntraInboundProvisioning.Engine.LocalEndpoint;

namespace EntraInboundProvisioning.Engine.Tests.LocalEndpoint;

public class LocalEndpointLauncherTests
{
    private const string Line = """{"uri":"http://127.0.0.1:5080","servicePrincipalId":"sp","appId":"app","jobId":"job","tenantId":"t","identityEndpoint":"http://127.0.0.1:5080/msi/token","identityHeader":"header-secret","token":"token-secret","processId":42}""";

    [Fact]
    public void TheStartLineIsReadIntoTheEndpointsIdsAndSecrets()
    {
        LocalEndpointInfo info = LocalEndpointLauncher.Parse(Line);
        Assert.Equal(new Uri("http://127.0.0.1:5080"), info.Uri);
        Assert.Equal("job", info.JobId);
        Assert.Equal("token-secret", info.Token);
        Assert.Equal(42, info.ProcessId);
    }

    [Fact]
    public void PrintingTheEndpointShowsNoSecret()
    {
        string text = LocalEndpointLauncher.Parse(Line).ToString();
        Assert.Contains("127.0.0.1:5080", text);
        Assert.DoesNotContain("token-secret", text);
        Assert.DoesNotContain("header-secret", text);
    }

    [Fact]
    public void SettingsBecomeTheEndpointsCommandLine()
    {
        var settings = new LocalEndpointSettings { Port = 5080, ConfigurationPath = "/tmp/e.json", ProcessingDelay = TimeSpan.FromSeconds(2), DropRate = 0.25 };
        Assert.Equal(["--config", "/tmp/e.json", "--port", "5080", "--delay-ms", "2000", "--drop-rate", "0.25"], settings.ToArguments());
    }
}
