using System.Management.Automation;
using EntraInboundProvisioning.Engine.Jobs;
using EntraInboundProvisioning.Engine.Provisioning;

namespace EntraInboundProvisioning.Commands;

/// <summary>Shows the attributes of the job's schema: those of the API source directory, or with -All of every directory.</summary>
[Cmdlet(VerbsCommon.Get, "ProvisioningSchema")]
[OutputType(typeof(ProvisioningSchemaAttribute))]
public sealed class GetProvisioningSchemaCommand : JobCommandBase
{
    /// <summary>Every directory's attributes, the Entra ID target's too.</summary>
    [Parameter]
    public SwitchParameter All { get; set; }

    protected override string Permission => JobPermissions.SchemaRead;

    protected override void ProcessRecord()
    {
        ProvisioningConnection connection = Connection;
        ProvisioningTarget target = Target(connection);
        var editor = new ProvisioningSchemaEditor(connection);
        WriteObject(Call(() => editor.ReadAsync(target, !All, CancelToken), target.JobId), enumerateCollection: true);
    }
}
