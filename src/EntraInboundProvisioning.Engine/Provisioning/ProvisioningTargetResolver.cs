using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;

namespace EntraInboundProvisioning.Engine.Provisioning;

/// <summary>
/// Finds the job to upload to: the service principal by object id or appId, and the job by id, or the app's only job
/// when no id is given.
/// </summary>
public static class ProvisioningTargetResolver
{
    public static Task<ProvisioningTarget> ResolveAsync(ProvisioningConnection connection, string servicePrincipalOrAppId, string? jobId,
        CancellationToken cancellationToken) =>
        GraphRequestException.Wrap(() => ResolveCoreAsync(connection, servicePrincipalOrAppId, jobId, cancellationToken));

    private static async Task<ProvisioningTarget> ResolveCoreAsync(ProvisioningConnection connection, string servicePrincipalOrAppId, string? jobId,
        CancellationToken cancellationToken)
    {
        string servicePrincipalId = await ServicePrincipalIdAsync(connection, servicePrincipalOrAppId, jobId is not null, cancellationToken);
        if (jobId is not null)
        {
            return new ProvisioningTarget(servicePrincipalId, jobId);
        }
        SynchronizationJobCollectionResponse? jobs = await connection.Client.ServicePrincipals[servicePrincipalId].Synchronization.Jobs.GetAsync(cancellationToken: cancellationToken);
        List<string> ids = jobs?.Value?.Select(j => j.Id!).Where(id => id is not null).ToList() ?? [];
        return ids.Count switch
        {
            1 => new ProvisioningTarget(servicePrincipalId, ids[0]),
            0 => throw new InvalidOperationException($"The app '{servicePrincipalOrAppId}' has no provisioning job. Check that it is an API-driven inbound provisioning app, or give -JobId."),
            _ => throw new InvalidOperationException($"The app '{servicePrincipalOrAppId}' has {ids.Count} provisioning jobs; choose one with -JobId: {string.Join(", ", ids)}."),
        };
    }

    /// <summary>
    /// Checks that the job exists (one GET): true when it does, false when the identity may not read jobs (it holds
    /// only SynchronizationData-User.Upload); a job that does not exist throws, naming the app's jobs when it can.
    /// </summary>
    public static Task<bool> VerifyJobAsync(ProvisioningConnection connection, ProvisioningTarget target, CancellationToken cancellationToken) =>
        GraphRequestException.Wrap(async () =>
        {
            try
            {
                await connection.Client.ServicePrincipals[target.ServicePrincipalId].Synchronization.Jobs[target.JobId].GetAsync(cancellationToken: cancellationToken);
                return true;
            }
            catch (ODataError ex) when (ex.ResponseStatusCode == 403)
            {
                return false;
            }
            catch (ODataError ex) when (ex.ResponseStatusCode == 404)
            {
                string jobs;
                try
                {
                    SynchronizationJobCollectionResponse? list = await connection.Client.ServicePrincipals[target.ServicePrincipalId].Synchronization.Jobs.GetAsync(cancellationToken: cancellationToken);
                    List<string> ids = list?.Value?.Select(j => j.Id).OfType<string>().ToList() ?? [];
                    jobs = ids.Count == 0 ? "The app has no provisioning job." : $"The app's jobs: {string.Join(", ", ids)}.";
                }
                catch (ODataError)
                {
                    jobs = "Check the service principal's object id (the Enterprise application's, not the App registration's).";
                }
                throw new InvalidOperationException($"The provisioning job '{target.JobId}' of service principal '{target.ServicePrincipalId}' does not exist. {jobs}", ex);
            }
        });

    private static async Task<string> ServicePrincipalIdAsync(ProvisioningConnection connection, string id, bool jobGiven, CancellationToken cancellationToken)
    {
        try
        {
            ServicePrincipal? sp = await connection.Client.ServicePrincipals[id].GetAsync(r => r.QueryParameters.Select = ["id", "appId"], cancellationToken);
            return sp?.Id ?? id;
        }
        catch (ODataError ex) when (ex.ResponseStatusCode == 403 && jobGiven)
        {
            // An identity that may only upload (least privilege) cannot read the app: the ids are taken as given.
            return id;
        }
        catch (ODataError ex) when (ex.ResponseStatusCode == 404)
        {
            ServicePrincipalCollectionResponse? byAppId = await connection.Client.ServicePrincipals.GetAsync(r =>
            {
                r.QueryParameters.Filter = $"appId eq '{id.Replace("'", "''", StringComparison.Ordinal)}'";
                r.QueryParameters.Select = ["id", "appId"];
            }, cancellationToken);
            return byAppId?.Value?.FirstOrDefault()?.Id
                ?? throw new InvalidOperationException($"No service principal has the object id or appId '{id}'. Give the provisioning app's object id or application (client) id.");
        }
    }
}
