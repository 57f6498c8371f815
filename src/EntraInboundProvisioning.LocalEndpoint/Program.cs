using System.Diagnostics;
using System.Text.Json;
using EntraInboundProvisioning.LocalEndpoint;
using EntraInboundProvisioning.LocalEndpoint.Diagnostics;

if (args is ["--help"] or ["-h"])
{
    Console.WriteLine(CommandLine.Usage);
    return 0;
}

LocalEndpointOptions options;
int? parentPid;
try
{
    (options, parentPid) = CommandLine.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException or JsonException or IOException)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

using var stop = new CancellationTokenSource();
IReadOnlyList<IDisposable> declined = [];
if (parentPid is null)
{
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        stop.Cancel();
    };
}
else
{
    declined = ParentConsole.Leave();
}

RunningLocalEndpoint endpoint;
try
{
    endpoint = await LocalEndpointServer.StartAsync(options, parentOwnsLifetime: parentPid is not null);
}
catch (PortUnavailableException ex)
{
    Console.Error.WriteLine(ex.Message);
    return ex.InUse ? PortUnavailableException.InUseExitCode : 1;
}
await using RunningLocalEndpoint stopAtExit = endpoint;
endpoint.Warnings.Reported += warning => Console.Error.WriteLine(ConsoleText.Escape(warning.ToString()));

// One line for whoever started the process (Start-ProvisioningEndpoint reads it); the secrets are local test ones.
Console.WriteLine(JsonSerializer.Serialize(new
{
    uri = endpoint.Uri.ToString().TrimEnd('/'),
    servicePrincipalId = endpoint.ServicePrincipalId,
    appId = endpoint.Options.ServicePrincipals[0].AppId,
    jobId = endpoint.JobId,
    tenantId = LocalEndpointOptions.DefaultTenantId,
    identityEndpoint = endpoint.IdentityEndpoint.ToString(),
    identityHeader = endpoint.IdentityHeader,
    token = endpoint.StaticToken,
    processId = Environment.ProcessId,
}));
Console.Out.Flush();

if (parentPid is { } pid)
{
    _ = Task.Run(async () =>
    {
        try
        {
            using Process parent = Process.GetProcessById(pid);
            await parent.WaitForExitAsync(stop.Token);
        }
        catch (ArgumentException)
        {
        }
        stop.Cancel();
    });
}

try
{
    await endpoint.WaitForShutdownAsync(stop.Token);
}
catch (OperationCanceledException)
{
}
GC.KeepAlive(declined);
return 0;
