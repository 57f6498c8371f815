using EntraInboundProvisioning.LocalEndpoint.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace EntraInboundProvisioning.LocalEndpoint;

/// <summary>A started local endpoint: where it listens and the secrets a client needs to reach it.</summary>
public sealed class RunningLocalEndpoint(WebApplication app, Uri uri, string staticToken, string identityHeader, LocalEndpointOptions options) : IAsyncDisposable
{
    public Uri Uri { get; } = uri;

    public string StaticToken { get; } = staticToken;

    public string IdentityHeader { get; } = identityHeader;

    public Uri IdentityEndpoint => new(Uri, "msi/token");

    public LocalEndpointOptions Options { get; } = options;

    public string ServicePrincipalId => Options.ServicePrincipals[0].Id;

    public string JobId => Options.ServicePrincipals[0].JobIds[0];

    /// <summary>What it accepted but found suspicious.</summary>
    public UploadWarnings Warnings => app.Services.GetRequiredService<UploadWarnings>();

    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
