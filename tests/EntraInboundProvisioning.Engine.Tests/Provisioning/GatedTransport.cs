using System.Collections.Concurrent;
using EntraInboundProvisioning.Engine.Provisioning;

namespace EntraInboundProvisioning.Engine.Tests.Provisioning;

/// <summary>A transport whose calls are answered (202 unless told) only when the test opens them, in any order.</summary>
internal sealed class GatedTransport : IBulkUploadTransport
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<UploadAttempt>> _calls = new();
    private readonly List<string> _order = [];

    /// <summary>The first externalId of each call's body, in the order the calls were made.</summary>
    public IReadOnlyList<string> Order
    {
        get
        {
            lock (_order)
            {
                return [.. _order];
            }
        }
    }

    public Task<UploadAttempt> UploadAsync(ProvisioningTarget target, ReadOnlyMemory<byte> json, string clientRequestId, SendPolicy policy, CancellationToken cancellationToken)
    {
        string body = System.Text.Encoding.UTF8.GetString(json.Span);
        int at = body.IndexOf("\"externalId\":\"", StringComparison.Ordinal) + 14;
        string id = body[at..body.IndexOf('"', at)];
        lock (_order)
        {
            _order.Add(id);
        }
        return _calls.GetOrAdd(id, _ => new TaskCompletionSource<UploadAttempt>(TaskCreationOptions.RunContinuationsAsynchronously)).Task
            .WaitAsync(cancellationToken);
    }

    public void Answer(string externalId, UploadAttempt? answer = null) =>
        _calls.GetOrAdd(externalId, _ => new TaskCompletionSource<UploadAttempt>(TaskCreationOptions.RunContinuationsAsynchronously)).SetResult(answer ?? new UploadAttempt(202));
}
