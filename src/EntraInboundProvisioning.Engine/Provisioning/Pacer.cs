namespace EntraInboundProvisioning.Engine.Provisioning;

/// <summary>
/// Keeps calls under a number per sliding window, for every request in flight, so that a long run is not throttled.
/// The service counts a call when it arrives, which the client cannot see: somewhere between the send and the answer.
/// So call n + max goes no sooner than call n's send + the window + the leeway + how much longer call n's round
/// trip took than the shortest of the last <see cref="RecentRoundTrips"/> accepted calls (recent and accepted, so that
/// one fast answer, such as a quick 503, does not make every later call look slow for the rest of the run). On a
/// steady network (and on loopback) that is the window and the leeway;
/// a call that was slowed on its way (jitter, a loaded host) pushes its successor back by as much, instead of a
/// fixed share of the window that would waste a steady network's allowance. Times come from a monotonic clock: a
/// wall clock set back does not hold the run.
/// </summary>
public sealed class Pacer
{
    private readonly int _maxCalls;
    private readonly TimeProvider _time;
    private readonly long _origin;
    private readonly Queue<PacedCall> _calls = new();
    private readonly object _gate = new();
    private readonly Queue<TimeSpan> _roundTrips = new();

    /// <summary>How many of the latest accepted calls' round trips the usual one is taken from.</summary>
    internal const int RecentRoundTrips = 40;

    public Pacer(int maxCalls, TimeSpan serviceWindow, TimeSpan leeway, TimeProvider time)
    {
        _maxCalls = maxCalls;
        Spacing = serviceWindow + leeway;
        _time = time;
        _origin = time.GetTimestamp();
    }

    /// <summary>The least time between a call and the one <c>maxCalls</c> after it.</summary>
    internal TimeSpan Spacing { get; }

    internal TimeSpan Now => _time.GetElapsedTime(_origin);

    internal TimeSpan ShortestRoundTrip
    {
        get
        {
            lock (_gate)
            {
                return _roundTrips.Count == 0 ? TimeSpan.Zero : _roundTrips.Min();
            }
        }
    }

    /// <summary>Takes the next call's place, in the order of the calls to this method; wait for its turn with <see cref="PacedCall.WaitTurnAsync"/>.</summary>
    public PacedCall Reserve()
    {
        if (_maxCalls <= 0)
        {
            return new PacedCall(this, null);
        }
        lock (_gate)
        {
            var call = new PacedCall(this, _calls.Count == _maxCalls ? _calls.Dequeue() : null);
            _calls.Enqueue(call);
            return call;
        }
    }

    internal void Observe(TimeSpan roundTrip)
    {
        lock (_gate)
        {
            if (_roundTrips.Count == RecentRoundTrips)
            {
                _roundTrips.Dequeue();
            }
            _roundTrips.Enqueue(roundTrip);
        }
    }
}
