using System.Management.Automation;
using EntraInboundProvisioning.Engine.LocalEndpoint;
using EntraInboundProvisioning.LocalEndpoint;

namespace EntraInboundProvisioning.Commands;

[Cmdlet(VerbsLifecycle.Stop, "ProvisioningEndpoint", SupportsShouldProcess = true)]
public sealed class StopProvisioningEndpointCommand : PSCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    public LocalProvisioningEndpoint InputObject { get; set; } = null!;

    protected override void ProcessRecord()
    {
        if (!ShouldProcess(InputObject.Uri.ToString(), "Stop the local provisioning endpoint"))
        {
            return;
        }
        LocalEndpointLauncher.Stop(InputObject.Process);
        if (Environment.GetEnvironmentVariable("IDENTITY_ENDPOINT") == InputObject.IdentityEndpoint.ToString())
        {
            Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", null);
            Environment.SetEnvironmentVariable("IDENTITY_HEADER", null);
        }
        WriteVerbose($"Stopped the local provisioning endpoint at {InputObject.Uri}.");
    }
}
