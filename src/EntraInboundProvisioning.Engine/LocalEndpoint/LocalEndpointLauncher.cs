using System.Diagnostics;
using System.Text.Json;

namespace EntraInboundProvisioning.Engine.LocalEndpoint;

/// <summary>
/// Starts the local endpoint as a process of its own (dotnet EntraInboundProvisioning.LocalEndpoint.dll) that ends with
/// its parent, and reads the line in which it says where it listens. Given --parent-pid, the endpoint leaves its
/// parent's process group (on Windows, declines console interrupts), so that Ctrl+C in the parent's console is the parent's.
/// </summary>
public static class LocalEndpointLauncher
{
    public const string AssemblyName = "EntraInboundProvisioning.LocalEndpoint.dll";

    /// <summary>The endpoint's exit code when its port is in use (PortUnavailableException.InUseExitCode there).</summary>
    public const int PortInUseExitCode = 3;

    public static async Task<(LocalEndpointInfo Info, Process Process)> StartAsync(string endpointAssembly, LocalEndpointSettings settings,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!File.Exists(endpointAssembly))
        {
            throw new FileNotFoundException($"The local endpoint is not at '{endpointAssembly}'. Build the module with build.ps1 -Task Build.", endpointAssembly);
        }
        var start = new ProcessStartInfo(FindDotnet())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(endpointAssembly);
        foreach (string argument in settings.ToArguments())
        {
            start.ArgumentList.Add(argument);
        }
        start.ArgumentList.Add("--parent-pid");
        start.ArgumentList.Add(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Process process = Process.Start(start) ?? throw new InvalidOperationException("The local endpoint's process did not start.");
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            string? line;
            try
            {
                line = await process.StandardOutput.ReadLineAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"The local endpoint did not say where it listens within {timeout.TotalSeconds:0} seconds.");
            }
            if (line is null)
            {
                string error = (await process.StandardError.ReadToEndAsync(cancellationToken)).Trim();
                await process.WaitForExitAsync(cancellationToken);
                if (process.ExitCode == PortInUseExitCode)
                {
                    throw new LocalEndpointPortInUseException(settings.Port, error);
                }
                throw new InvalidOperationException($"The local endpoint stopped at start: {error}");
            }
            LocalEndpointInfo info = Parse(line);
            // Keep both pipes drained, so that the endpoint never blocks on a full pipe while it serves.
            _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
            _ = process.StandardError.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
            return (info, process);
        }
        catch
        {
            Stop(process);
            throw;
        }
    }

    public static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }

    public static LocalEndpointInfo Parse(string line)
    {
        using JsonDocument doc = JsonDocument.Parse(line);
        JsonElement root = doc.RootElement;
        string Text(string name) => root.GetProperty(name).GetString()!;
        return new LocalEndpointInfo(new Uri(Text("uri")), Text("servicePrincipalId"), Text("appId"), Text("jobId"), Text("tenantId"),
            new Uri(Text("identityEndpoint")), Text("identityHeader"), Text("token"), root.GetProperty("processId").GetInt32());
    }

    /// <summary>The dotnet host: this process when it is one (dotnet pwsh), else dotnet from DOTNET_ROOT or PATH.</summary>
    public static string FindDotnet()
    {
        string executable = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        if (Environment.ProcessPath is { } self && string.Equals(Path.GetFileName(self), executable, StringComparison.OrdinalIgnoreCase))
        {
            return self;
        }
        IEnumerable<string> folders = new[] { Environment.GetEnvironmentVariable("DOTNET_ROOT") }
            .Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
            .Where(f => !string.IsNullOrEmpty(f))!;
        return folders.Select(f => Path.Combine(f, executable)).FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException("The local endpoint runs on the .NET runtime with ASP.NET Core, and 'dotnet' was not found on PATH or in DOTNET_ROOT.");
    }
}
