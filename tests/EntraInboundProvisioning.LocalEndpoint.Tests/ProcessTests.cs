using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
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
        using Process endpoint = StartOwnProcess("--port", "0", "--parent-pid", parent.Id.ToString(CultureInfo.InvariantCulture));
        try
        {
            Assert.NotNull(await endpoint.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)));
            Assert.False(endpoint.HasExited);

            await AssertItEndsWithItsParentAsync(parent, endpoint);
        }
        finally
        {
            LocalEndpointLauncher.Stop(endpoint);
            LocalEndpointLauncher.Stop(parent);
        }
    }

    [LinuxFact]
    public async Task StartedWithAParentPidASigIntSentToItDoesNotStopItItsParentEndingDoes()
    {
        using Process parent = Process.Start(new ProcessStartInfo("sleep", "600") { UseShellExecute = false })!;
        using Process endpoint = StartOwnProcess("--port", "0", "--parent-pid", parent.Id.ToString(CultureInfo.InvariantCulture));
        try
        {
            JsonNode started = JsonNode.Parse((await endpoint.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)))!)!;
            using (Process kill = Process.Start(new ProcessStartInfo("kill", $"-INT {endpoint.Id}") { UseShellExecute = false })!)
            {
                await kill.WaitForExitAsync();
                Assert.Equal(0, kill.ExitCode);
            }
            // The generic host's console lifetime stopped it within a moment of the signal.
            using (var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
            {
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => endpoint.WaitForExitAsync(grace.Token));
            }
            using var client = new HttpClient();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync((string)started["uri"]! + "/_local/info")).StatusCode);

            await AssertItEndsWithItsParentAsync(parent, endpoint);
        }
        finally
        {
            LocalEndpointLauncher.Stop(endpoint);
            LocalEndpointLauncher.Stop(parent);
        }
    }

    [Fact]
    public async Task RequestTextOnTheConsoleIsEscapedSoItCannotForgeLinesOrColours()
    {
        using Process endpoint = StartOwnProcess("--port", "0", "--token", "t0k3n");
        try
        {
            JsonNode started = JsonNode.Parse((await endpoint.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)))!)!;
            string forged = @"x\nwarning: job FAKE, request-id 0: forged line\u001b[31m RED\u202e";
            string body = EndpointHarness.Bulk(EndpointHarness.User("I1"), EndpointHarness.User("I2")).Replace("\"b0\"", $"\"{forged}\"").Replace("\"b1\"", $"\"{forged}\"");
            using var client = new HttpClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "t0k3n");
            string path = $"{(string)started["uri"]!}/v1.0/servicePrincipals/{(string)started["servicePrincipalId"]!}/synchronization/jobs/{(string)started["jobId"]!}/bulkUpload";
            Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/scim+json"))).StatusCode);

            string line = (await endpoint.StandardError.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)))!;
            Assert.StartsWith("warning: job ", line);
            Assert.Contains("Operations[1].bulkId 'x\\nwarning: job FAKE, request-id 0: forged line\\u001B[31m RED\\u202E' is also the bulkId of Operations[0]", line);
            Assert.DoesNotContain('\u001b', line);
        }
        finally
        {
            LocalEndpointLauncher.Stop(endpoint);
        }
    }

    private static async Task AssertItEndsWithItsParentAsync(Process parent, Process endpoint)
    {
        parent.Kill();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await endpoint.WaitForExitAsync(deadline.Token);
        Assert.Equal(0, endpoint.ExitCode);
    }

    /// <summary>The endpoint as `dotnet EntraInboundProvisioning.LocalEndpoint.dll ...`, its output and errors redirected.</summary>
    internal static Process StartOwnProcess(params string[] arguments)
    {
        var start = new ProcessStartInfo(LocalEndpointLauncher.FindDotnet()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(EndpointAssembly);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        return Process.Start(start)!;
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
