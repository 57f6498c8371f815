using System.Net;
using System.Net.Sockets;
using EntraInboundProvisioning.LocalEndpoint.Diagnostics;
using EntraInboundProvisioning.LocalEndpoint.Endpoints;
using EntraInboundProvisioning.LocalEndpoint.Faults;
using EntraInboundProvisioning.LocalEndpoint.Graph;
using EntraInboundProvisioning.LocalEndpoint.Processing;
using EntraInboundProvisioning.LocalEndpoint.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EntraInboundProvisioning.LocalEndpoint;

/// <summary>Builds and starts the local endpoint on 127.0.0.1; the command line and the tests both start it here.</summary>
public static class LocalEndpointServer
{
    /// <param name="parentOwnsLifetime">Started with --parent-pid: no console signal stops the host (see ParentOwnedLifetime).</param>
    public static async Task<RunningLocalEndpoint> StartAsync(LocalEndpointOptions options, CancellationToken cancellationToken = default, bool parentOwnsLifetime = false)
    {
        if (options.ServicePrincipals.Count == 0)
        {
            options.ServicePrincipals.Add(LocalEndpointOptions.DefaultServicePrincipal());
        }
        string staticToken = options.StaticToken ?? "local." + TokenStore.NewSecret();
        string identityHeader = options.IdentityHeader ?? TokenStore.NewSecret();

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new TokenStore(staticToken));
        builder.Services.AddSingleton(new ProvisioningState(options.ServicePrincipals, LocalEndpointOptions.DefaultTenantId));
        builder.Services.AddSingleton(new FaultInjector(options.Faults));
        builder.Services.AddSingleton<UploadQueue>();
        builder.Services.AddSingleton<UploadWarnings>();
        builder.Services.AddHostedService<UploadProcessor>();
        if (parentOwnsLifetime)
        {
            builder.Services.AddSingleton<IHostLifetime, ParentOwnedLifetime>();
        }

        WebApplication app = builder.Build();
        app.Use(async (context, next) =>
        {
            string clientRequestId = context.Request.Headers["client-request-id"].ToString();
            context.Response.Headers["request-id"] = Guid.NewGuid().ToString();
            context.Response.Headers["client-request-id"] = clientRequestId.Length > 0 ? clientRequestId : Guid.NewGuid().ToString();
            try
            {
                await next(context);
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
            {
                long? limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
                await GraphError.Result(context, 413, "RequestEntityTooLarge",
                    $"The request body is larger than {limit} bytes, the most the endpoint takes. Send fewer or smaller operations per request.").ExecuteAsync(context);
            }
        });
        GraphEndpoints.Map(app);
        JobEndpoints.Map(app);
        IdentityEndpoints.Map(app, identityHeader);
        AdminEndpoints.Map(app);

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is IOException { InnerException: AddressInUseException } or SocketException)
        {
            await app.DisposeAsync();
            throw new PortUnavailableException(options.Port, ex.InnerException as AddressInUseException ?? ex);
        }
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningLocalEndpoint(app, new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal)), staticToken, identityHeader, options);
    }
}
