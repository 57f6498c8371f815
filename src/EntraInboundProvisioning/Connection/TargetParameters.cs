using System.Management.Automation;
using EntraInboundProvisioning.Commands;
using EntraInboundProvisioning.Engine.Provisioning;

namespace EntraInboundProvisioning.Connection;

/// <summary>Resolves -ServicePrincipalId/-JobId/-Uri, or the connection's default job, to the job to use.</summary>
internal static class TargetParameters
{
    public static ProvisioningConnection RequireConnection(PSCmdlet cmdlet, string errorPrefix)
    {
        if (ConnectionStore.Current is { } connection)
        {
            return connection;
        }
        cmdlet.ThrowTerminatingError(new ErrorRecord(
            new InvalidOperationException("Not connected: run Connect-EntraProvisioning first (for example Connect-EntraProvisioning -ManagedIdentity -ServicePrincipalId <id>)."),
            errorPrefix + "NotConnected", ErrorCategory.AuthenticationError, null));
        return null!;
    }

    public static ProvisioningTarget Resolve(CancellableCmdlet cmdlet, ProvisioningConnection connection, string? servicePrincipalId, string? jobId, Uri? uri,
        string errorPrefix, Func<Task<ProvisioningTarget>, ProvisioningTarget> wait, CancellationToken cancellationToken)
    {
        try
        {
            if (uri is not null)
            {
                return ProvisioningTarget.FromApiEndpoint(uri).Target;
            }
            if (servicePrincipalId is not null)
            {
                return wait(ProvisioningTargetResolver.ResolveAsync(connection, servicePrincipalId, jobId, cancellationToken));
            }
            if (jobId is not null)
            {
                // -JobId alone names a job of the connected app; the call that follows says when it does not exist.
                return connection.DefaultTarget is { } connected
                    ? new ProvisioningTarget(connected.ServicePrincipalId, jobId)
                    : throw new InvalidOperationException($"-JobId '{jobId}' names a job of the connected app, but the connection names no app: add -ServicePrincipalId, or use -Uri.");
            }
            return connection.DefaultTarget
                ?? throw new InvalidOperationException("No provisioning job was given: use -ServicePrincipalId (and -JobId when the app has several), -Uri, or Connect-EntraProvisioning -ServicePrincipalId.");
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or GraphRequestException)
        {
            (string problem, ErrorCategory category) = (ex as GraphRequestException)?.StatusCode switch
            {
                401 => ("Unauthorized", ErrorCategory.AuthenticationError),
                403 => ("Forbidden", ErrorCategory.PermissionDenied),
                _ => ("JobNotFound", ErrorCategory.ObjectNotFound),
            };
            cmdlet.ThrowTerminatingError(new ErrorRecord(ex, errorPrefix + problem, category, servicePrincipalId ?? jobId ?? uri?.ToString()));
            return null!;
        }
        catch (OperationCanceledException ex)
        {
            cmdlet.ThrowCancelled(ex, errorPrefix + "TimedOut", servicePrincipalId ?? uri?.ToString());
            return null!;
        }
    }
}
