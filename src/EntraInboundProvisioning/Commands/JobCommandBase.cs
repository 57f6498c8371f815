using System.Management.Automation;
using EntraInboundProvisioning.Connection;
using EntraInboundProvisioning.Engine.Jobs;
using EntraInboundProvisioning.Engine.Provisioning;

namespace EntraInboundProvisioning.Commands;

/// <summary>
/// The job cmdlets' shared part: the job from the parameters, the connection or a piped Get-ProvisioningJob
/// result, and Graph failures as errors that name the permission a 403 lacks.
/// </summary>
public abstract class JobCommandBase : ProvisioningJobCmdlet
{
    /// <summary>A job as Get-ProvisioningJob returned it.</summary>
    [Parameter(ValueFromPipeline = true)]
    public ProvisioningJobInfo? InputObject { get; set; }

    /// <summary>The Graph application permission the cmdlet needs, named when the service answers 403.</summary>
    protected abstract string Permission { get; }

    /// <summary>The cmdlet's name without the dash: the start of its ErrorIds.</summary>
    protected string ErrorPrefix => MyInvocation.MyCommand.Name.Replace("-", "", StringComparison.Ordinal);

    protected ProvisioningConnection Connection => TargetParameters.RequireConnection(this, ErrorPrefix);

    protected ProvisioningTarget Target(ProvisioningConnection connection)
    {
        if (InputObject is not { } job)
        {
            return TargetParameters.Resolve(this, connection, ServicePrincipalId, JobId, Uri, ErrorPrefix, Await, CancelToken);
        }
        if (ServicePrincipalId is not null || JobId is not null || Uri is not null)
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentException(
                $"The piped job {job.JobId} and -ServicePrincipalId, -JobId or -Uri name a job twice: give the job one way only."),
                ErrorPrefix + "JobGivenTwice", ErrorCategory.InvalidArgument, job));
        }
        return new ProvisioningTarget(job.ServicePrincipalId, job.JobId);
    }

    /// <summary>Waits for a Graph call; a failure ends the cmdlet with an error that says what to do.</summary>
    protected T Call<T>(Func<Task<T>> call, object? target)
    {
        try
        {
            return Await(call());
        }
        catch (GraphRequestException ex)
        {
            (string problem, ErrorCategory category, string advice) = ex.StatusCode switch
            {
                401 => ("Unauthorized", ErrorCategory.AuthenticationError, " Sign in again with Connect-EntraProvisioning."),
                403 => ("Forbidden", ErrorCategory.PermissionDenied, $" Grant the app, with admin consent, {Permission}."),
                404 => ("JobNotFound", ErrorCategory.ObjectNotFound, $" The job '{target}' was not found: check -ServicePrincipalId and -JobId (Get-EntraProvisioningConnection shows the connected job)."),
                400 => ("BadRequest", ErrorCategory.InvalidData, ""),
                _ => ("RequestFailed", ErrorCategory.ConnectionError, " Try again later."),
            };
            ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(ex.Message + advice, ex), ErrorPrefix + problem, category, target));
            return default!;
        }
        catch (InvalidOperationException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, ErrorPrefix + "InvalidSchema", ErrorCategory.InvalidData, target));
            return default!;
        }
        catch (OperationCanceledException ex)
        {
            ThrowCancelled(ex, ErrorPrefix + "TimedOut", target);
            return default!;
        }
    }

    protected void Call(Func<Task> call, object? target) => Call(async () =>
    {
        await call();
        return true;
    }, target);
}
