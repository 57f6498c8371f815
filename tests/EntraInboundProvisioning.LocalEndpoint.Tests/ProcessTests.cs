using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using EntraInboundProvisioning.Engine.LocalEndpoint;

namespace EntraInboundProvisioning.LocalEndpoint.Tests;

/// <summary>The endpoint as a process of its own, started as Start-ProvisioningEndpoint starts it.</summary>
public class ProcessTests
{
    private static readonly string EndpointAssembly = Path.Combine(AppContext.BaseDirectory, LocalEndpointLauncher.AssemblyName);

    [Fact]
    public async Task ABusyPortIsAnErrorThatNamesItNotAStackTrace()
    {
        using TcpListener busy = Occupy(out int port);
        var ex = await Assert.ThrowsAsync<PortUnavailableException>(() => LocalEndpointServer.StartAsync(new LocalEndpointOptions { Port = port }));
        Assert.True(ex.InUse);
        Assert.Contains($"Port {port} ", ex.Message);
    }

    [Fact]
    public async Task StartedByTheLauncherABusyPortIsOneLineThatNamesIt()
    {
        using TcpListener busy = Occupy(out int port);
        var ex = await Assert.ThrowsAsync<LocalEndpointPortInUseException>(() =>
            LocalEndpointLauncher.StartAsync(EndpointAssembly, new LocalEndpointSettings { Port = port }, TimeSpan.FromSeconds(60), CancellationToken.None));
        Assert.Equal(port, ex.Port);
        Assert.Contains($"Port {port} on 127.0.0.1 is already in use", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [LinuxFact]
    public async Task StartedByTheLauncherItIsInAProcessGroupOfItsOwn()
    {
        (LocalEndpointInfo info, Process process) = await LocalEndpointLauncher.StartAsync(EndpointAssembly, new LocalEndpointSettings(), TimeSpan.FromSeconds(60), CancellationToken.None);
        try
        {
            // A terminal's Ctrl+C goes to its foreground process group, which is the parent's.
            Assert.Equal(info.ProcessId, ProcessGroupOf(info.ProcessId));
            Assert.NotEqual(ProcessGroupOf(Environment.ProcessId), ProcessGroupOf(info.ProcessId));
        }
        finally
        {
            LocalEndpointLauncher.Stop(process);
        }
    }

    [LinuxFact]
    public async Task ItStillStopsWhenItsParentEnds()
    {
        using Process parent = Process.Start(new ProcessStartInfo("sleep", "600") { UseShellExecute = false })!;
        var start = new ProcessStartInfo(LocalEndpointLauncher.FindDotnet()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[] { EndpointAssembly, "--port", "0", "--parent-pid", parent.Id.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }
        using Process endpoint = Process.Start(start)!;
        try
        {
            Assert.NotNull(await endpoint.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)));
            Assert.False(endpoint.HasExited);

            parent.Kill();
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await endpoint.WaitForExitAsync(deadline.Token);
            Assert.Equal(0, endpoint.ExitCode);
        }
        finally
        {
            LocalEndpointLauncher.Stop(endpoint);
            LocalEndpointLauncher.Stop(parent);
        }
    }

    private static TcpListener Occupy(out int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        port = ((IPEndPoint)listener.LocalEndpoint).Port;
        return listener;
    }

    // /proc/<pid>/stat: "pid (comm) state ppid pgrp ..."; comm may hold spaces, so count from its closing parenthesis.
    private static int ProcessGroupOf(int pid)
    {
        string stat = File.ReadAllText($"/proc/{pid}/stat");
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[2], CultureInfo.InvariantCulture);
    }
}
