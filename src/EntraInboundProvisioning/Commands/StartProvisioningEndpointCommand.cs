using System.Management.Automation;
using System.Runtime.InteropServices;
using EntraInboundProvisioning.Engine.LocalEndpoint;
using EntraInboundProvisioning.LocalEndpoint;

namespace EntraInboundProvisioning.Commands;

/// <summary>Starts the local stand-in for Entra's bulkUpload and provisioning-log APIs on 127.0.0.1.</summary>
[Cmdlet(VerbsLifecycle.Start, "ProvisioningEndpoint", SupportsShouldProcess = true)]
[OutputType(typeof(LocalProvisioningEndpoint))]
public sealed class StartProvisioningEndpointCommand : CancellableCmdlet
{
    [Parameter(Position = 0)]
    [ValidateRange(0, 65535)]
    public int Port { get; set; }

    /// <summary>A JSON file of the endpoint's options, such as its apps and jobs.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ConfigurationPath { get; set; }

    [Parameter]
    [SecondsTimeSpan]
    [ValidateTimeSpanRange(0, 3600)]
    public TimeSpan? ProcessingDelay { get; set; }

    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int? RateLimit { get; set; }

    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int? DailyQuota { get; set; }

    [Parameter]
    public int? Seed { get; set; }

    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double? BucketFullRate { get; set; }

    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double? UnavailableRate { get; set; }

    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double? SlowRate { get; set; }

    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double? DropRate { get; set; }

    /// <summary>Sets IDENTITY_ENDPOINT and IDENTITY_HEADER for this process, as Azure Automation does for a runbook.</summary>
    [Parameter]
    public SwitchParameter SetManagedIdentityEnvironment { get; set; }

    protected override void EndProcessing()
    {
        if (!ShouldProcess($"127.0.0.1:{(Port == 0 ? "a free port" : Port)}", "Start the local provisioning endpoint"))
        {
            return;
        }
        string assembly = Path.Combine(Path.GetDirectoryName(typeof(StartProvisioningEndpointCommand).Assembly.Location)!, "endpoint", LocalEndpointLauncher.AssemblyName);
        var settings = new LocalEndpointSettings
        {
            Port = Port,
            ConfigurationPath = ConfigurationPath is null ? null : GetUnresolvedProviderPathFromPSPath(ConfigurationPath),
            ProcessingDelay = ProcessingDelay,
            RateLimitCalls = RateLimit,
            DailyQuota = DailyQuota,
            Seed = Seed,
            BucketFullRate = BucketFullRate,
            UnavailableRate = UnavailableRate,
            SlowRate = SlowRate,
            DropRate = DropRate,
        };
        try
        {
            (LocalEndpointInfo info, System.Diagnostics.Process process) =
                LocalEndpointLauncher.StartAsync(assembly, settings, TimeSpan.FromSeconds(30), CancelToken).GetAwaiter().GetResult();
            var endpoint = new LocalProvisioningEndpoint(info, process);
            if (SetManagedIdentityEnvironment)
            {
                Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", info.IdentityEndpoint.ToString());
                Environment.SetEnvironmentVariable("IDENTITY_HEADER", info.IdentityHeader);
            }
            WriteVerbose($"The local provisioning endpoint listens on {info.Uri} (process {info.ProcessId}).");
            WriteObject(endpoint);
        }
        catch (LocalEndpointPortInUseException ex)
        {
            ThrowTerminatingError(new ErrorRecord(
                new IOException($"Port {ex.Port} on 127.0.0.1 is already in use by another program. Choose another -Port, or leave -Port out to take a free one.", ex),
                "StartProvisioningEndpointPortInUse", ErrorCategory.ResourceBusy, Port));
        }
        catch (Exception ex) when (ex is FileNotFoundException or TimeoutException or InvalidOperationException or System.ComponentModel.Win32Exception or ExternalException)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "StartProvisioningEndpointFailed", ErrorCategory.OpenError, Port));
        }
        catch (OperationCanceledException ex)
        {
            ThrowCancelled(ex, "StartProvisioningEndpointTimedOut", Port);
        }
    }
}
