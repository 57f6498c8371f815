using EntraInboundProvisioning.Engine.Batching;

namespace EntraInboundProvisioning.Engine.Provisioning;

/// <summary>
/// Keeps up to a number of requests in flight through one <see cref="BulkSender"/> and gives their results back in
/// the order the requests came. Requests start in input order and take the pacer's slots in that order; a request
/// whose <see cref="ScimBulkRequest.Wave"/> differs from the one before it starts only when every earlier request
/// has its result, so that a later wave (reports) never overtakes an earlier one (their managers).
/// <paramref name="onResult"/> is called with each result as soon as it comes, on the thread that completed it, before
/// the results of earlier requests (a slow request must not hold back recording the 202s that came after it);
/// <paramref name="onSending"/> just before a request's body first goes out (see <see cref="BulkSender.SendAsync"/>).
/// </summary>
public sealed class InFlightSends(BulkSender sender, ProvisioningTarget target, int throttleLimit, CancellationToken cancellationToken,
    Action<BulkSendResult>? onResult = null, Action<ScimBulkRequest>? onSending = null)
{
    private readonly Queue<Task<BulkSendResult>> _inFlight = new();
    private int _wave;

    public int Count => _inFlight.Count;

    /// <summary>Whether the request may start now; if not, take the oldest result first.</summary>
    public bool CanStart(ScimBulkRequest request) =>
        _inFlight.Count == 0 || (_inFlight.Count < Math.Max(1, throttleLimit) && request.Wave == _wave);

    public void Start(ScimBulkRequest request)
    {
        if (!CanStart(request))
        {
            throw new InvalidOperationException("Take the oldest result before starting another request.");
        }
        _wave = request.Wave;
        _inFlight.Enqueue(SendAsync(request));
    }

    private async Task<BulkSendResult> SendAsync(ScimBulkRequest request)
    {
        BulkSendResult result = await sender.SendAsync(request, target, cancellationToken, onSending).ConfigureAwait(false);
        onResult?.Invoke(result);
        return result;
    }

    /// <summary>The oldest request's result when it has come, without waiting.</summary>
    public bool TryTakeCompleted(out BulkSendResult? result)
    {
        if (_inFlight.Count > 0 && _inFlight.Peek().IsCompleted)
        {
            result = _inFlight.Dequeue().GetAwaiter().GetResult();
            return true;
        }
        result = null;
        return false;
    }

    /// <summary>The oldest request's result, to wait for.</summary>
    public Task<BulkSendResult> TakeOldest() => _inFlight.Dequeue();
}
