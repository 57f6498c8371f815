namespace EntraInboundProvisioning.Engine.Provisioning;

/// <summary>
/// Keeps calls under a number per sliding window, so that a long run is not throttled. The window is kept a tenth
/// longer than the service's, since the service counts calls when they arrive, after the network's delay.
/// </summary>
public sealed class Pacer(int maxCalls, TimeSpan serviceWindow, TimeProvider time)
{
    private readonly TimeSpan window = serviceWindow * 1.1;

    private readonly Queue<DateTimeOffset> _calls = new();

    /// <summary>How long the next call must wait (zero when it may go now); the call is counted from when it may go.</summary>
    public TimeSpan Reserve()
    {
        if (maxCalls <= 0)
        {
            return TimeSpan.Zero;
        }
        DateTimeOffset now = time.GetUtcNow();
        while (_calls.Count > 0 && now - _calls.Peek() >= window)
        {
            _calls.Dequeue();
        }
        TimeSpan wait = _calls.Count < maxCalls ? TimeSpan.Zero : _calls.ElementAt(_calls.Count - maxCalls) + window - now;
        _calls.Enqueue(now + wait);
        while (_calls.Count > maxCalls)
        {
            _calls.Dequeue();
        }
        return wait;
    }
}
