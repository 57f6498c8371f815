using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;

namespace EntraInboundProvisioning.LocalEndpoint;

/// <summary>
/// The host's lifetime when the parent process owns the endpoint's (--parent-pid): it replaces the generic host's
/// ConsoleLifetime, whose Ctrl+C (SIGINT) and Ctrl+Break (SIGQUIT) handlers stop the host whatever else declines the
/// signal, so that a Ctrl+C in the parent's console stops only the parent. SIGTERM still stops the endpoint in order.
/// </summary>
internal sealed class ParentOwnedLifetime(IHostApplicationLifetime application) : IHostLifetime, IDisposable
{
    private PosixSignalRegistration? _terminate;

    public Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            application.StopApplication();
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _terminate?.Dispose();
}
