namespace EntraInboundProvisioning.Engine.Provisioning;

/// <summary>
/// Keeps calls under a number per sliding window, so that a long run is not throttled, for every request in flight.
/// It counts on a monotonic clock: a wall clock stepped back would otherwise hold the run for as long.
/// </summary>
public sealed class Pacer
{
    private readonly int _maxCalls;
    private readonly TimeSpan _window;
    private readonly TimeProvider _time;
    private readonly long _origin;
    private readonly Queue<TimeSpan> _slots = new();
    private readonly object _gate = new();

    public Pacer(int maxCalls, TimeSpan serviceWindow, TimeSpan leeway, TimeProvider time)
    {
        _maxCalls = maxCalls;
        _window = serviceWindow + leeway;
        _time = time;
        _origin = time.GetTimestamp();
    }

    /// <summary>How long the next call must wait (zero when it may go now); the call is counted from when it may go.</summary>
    public TimeSpan Reserve()
    {
        if (_maxCalls <= 0)
        {
            return TimeSpan.Zero;
        }
        lock (_gate)
        {
            TimeSpan now = _time.GetElapsedTime(_origin);
            TimeSpan slot = _slots.Count < _maxCalls ? now : Max(now, _slots.Peek() + _window);
            _slots.Enqueue(slot);
            if (_slots.Count > _maxCalls)
            {
                _slots.Dequeue();
            }
            return slot - now;
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
