using System.Runtime.CompilerServices;
using Microsoft.Graph;
using Microsoft.Graph.Models;

namespace EntraInboundProvisioning.Engine.Logs;

/// <summary>Reads provisioning logs with the Graph SDK's typed AuditLogs.Provisioning builder and PageIterator, page by page.</summary>
public sealed class ProvisioningLogReader(GraphServiceClient client)
{
    public ProvisioningLogReader(Provisioning.ProvisioningConnection connection)
        : this(connection.Client)
    {
    }

    private const int Batch = 200;

    public async IAsyncEnumerable<ProvisioningLogEntry> ReadAsync(ProvisioningLogQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ProvisioningObjectSummaryCollectionResponse? first = await Provisioning.GraphRequestException.Wrap(() => client.AuditLogs.Provisioning.GetAsync(request =>
        {
            request.QueryParameters.Filter = query.ToFilter();
            request.QueryParameters.Top = query.PageSize;
        }, cancellationToken));
        if (first is null)
        {
            yield break;
        }

        var buffer = new List<ProvisioningLogEntry>(Batch);
        var pages = PageIterator<ProvisioningObjectSummary, ProvisioningObjectSummaryCollectionResponse>.CreatePageIterator(client, first, summary =>
        {
            buffer.Add(ToEntry(summary));
            return buffer.Count < Batch;
        });
        await Provisioning.GraphRequestException.Wrap(async () =>
        {
            await pages.IterateAsync(cancellationToken);
            return true;
        });
        while (true)
        {
            foreach (ProvisioningLogEntry entry in buffer)
            {
                yield return entry;
            }
            buffer.Clear();
            if (pages.State == PagingState.Complete)
            {
                yield break;
            }
            await Provisioning.GraphRequestException.Wrap(async () =>
            {
                await pages.ResumeAsync(cancellationToken);
                return true;
            });
        }
    }

    public static ProvisioningLogEntry ToEntry(ProvisioningObjectSummary summary) => new(
        summary.Id ?? "",
        summary.SourceIdentity?.Id,
        summary.SourceIdentity?.DisplayName ?? summary.TargetIdentity?.DisplayName,
        Provisioning.GraphEnumText.Of(summary.ProvisioningAction),
        Provisioning.GraphEnumText.Of(summary.ProvisioningStatusInfo?.Status),
        summary.ProvisioningStatusInfo?.ErrorInformation?.ErrorCode,
        summary.ProvisioningStatusInfo?.ErrorInformation?.Reason,
        summary.ProvisioningStatusInfo?.ErrorInformation?.RecommendedAction,
        summary.ActivityDateTime,
        summary.JobId,
        summary.CycleId,
        summary.ChangeId,
        summary.TargetIdentity?.Id,
        summary.ModifiedProperties?.Select(p => p.DisplayName ?? "").ToList() ?? []);
}
