using EntraInboundProvisioning.Engine.Provisioning;
using Microsoft.Graph.Models;
using Microsoft.Graph.ServicePrincipals.Item.Synchronization.Jobs.Item;
using Microsoft.Graph.ServicePrincipals.Item.Synchronization.Jobs.Item.Restart;

namespace EntraInboundProvisioning.Engine.Jobs;

/// <summary>Reads a provisioning job and pauses, starts or restarts it, through the Graph SDK's typed job builders.</summary>
public sealed class ProvisioningJobClient(ProvisioningConnection connection)
{
    /// <summary>The scopes a restart can reset; none is the portal's restart (QuarantineState, Watermark and Escrows).</summary>
    public static readonly IReadOnlyList<string> ResetScopes = ["Full", "Watermark", "Escrows", "QuarantineState", "ForceDeletes"];

    public Task<ProvisioningJobInfo> GetAsync(ProvisioningTarget target, CancellationToken cancellationToken) =>
        GraphRequestException.Wrap(async () =>
        {
            SynchronizationJob job = await Job(target).GetAsync(cancellationToken: cancellationToken)
                ?? throw new GraphRequestException(404, "ResourceNotFound", $"The job '{target.JobId}' was not found.");
            return ToInfo(target, job);
        });

    public Task PauseAsync(ProvisioningTarget target, CancellationToken cancellationToken) =>
        GraphRequestException.Wrap(async () =>
        {
            await Job(target).Pause.PostAsync(cancellationToken: cancellationToken);
            return true;
        });

    public Task StartAsync(ProvisioningTarget target, CancellationToken cancellationToken) =>
        GraphRequestException.Wrap(async () =>
        {
            await Job(target).Start.PostAsync(cancellationToken: cancellationToken);
            return true;
        });

    /// <param name="scopes">Some of <see cref="ResetScopes"/>; empty for the portal's restart.</param>
    public Task RestartAsync(ProvisioningTarget target, IReadOnlyCollection<string> scopes, CancellationToken cancellationToken)
    {
        SynchronizationJobRestartScope? scope = null;
        foreach (string name in scopes)
        {
            SynchronizationJobRestartScope one = Enum.Parse<SynchronizationJobRestartScope>(name, ignoreCase: true);
            scope = scope is { } s ? s | one : one;
        }
        var body = new RestartPostRequestBody { Criteria = new SynchronizationJobRestartCriteria { ResetScope = scope } };
        return GraphRequestException.Wrap(async () =>
        {
            await Job(target).Restart.PostAsync(body, cancellationToken: cancellationToken);
            return true;
        });
    }

    internal SynchronizationJobItemRequestBuilder Job(ProvisioningTarget target) =>
        connection.Client.ServicePrincipals[target.ServicePrincipalId].Synchronization.Jobs[target.JobId];

    private static ProvisioningJobInfo ToInfo(ProvisioningTarget target, SynchronizationJob job)
    {
        SynchronizationStatus? status = job.Status;
        SynchronizationTaskExecution? last = status?.LastExecution;
        return new ProvisioningJobInfo
        {
            ServicePrincipalId = target.ServicePrincipalId,
            JobId = job.Id ?? target.JobId,
            TemplateId = job.TemplateId,
            Status = GraphEnumText.Of(status?.Code),
            ScheduleState = GraphEnumText.Of(job.Schedule?.State),
            ScheduleInterval = job.Schedule?.Interval,
            QuarantineReason = GraphEnumText.Of(status?.Quarantine?.Reason),
            QuarantineSince = status?.Quarantine?.SeriesBegan ?? status?.Quarantine?.CurrentBegan,
            QuarantineNextAttempt = status?.Quarantine?.NextAttempt,
            QuarantineError = status?.Quarantine?.Error?.Message,
            SteadyStateFirstAchieved = Known(status?.SteadyStateFirstAchievedTime),
            SteadyStateLastAchieved = Known(status?.SteadyStateLastAchievedTime),
            SuccessiveFailures = status?.CountSuccessiveCompleteFailures,
            LastExecutionState = GraphEnumText.Of(last?.State),
            LastExecutionBegan = last?.TimeBegan,
            LastExecutionEnded = last?.TimeEnded,
            CountImported = last?.CountImported,
            CountExported = last?.CountExported,
            CountEscrowed = last?.CountEscrowed,
            LastExecutionError = last?.Error?.Message,
        };
    }

    // The service writes 0001-01-01 for "never".
    private static DateTimeOffset? Known(DateTimeOffset? time) => time is { Year: > 1 } ? time : null;
}
