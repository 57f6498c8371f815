namespace EntraInboundProvisioning.LocalEndpoint.Faults;

/// <summary>
/// Decides, call by call, whether a bulkUpload is throttled, over quota or hit by an injected fault. The same seed and
/// the same sequence of calls give the same faults.
/// </summary>
public sealed class FaultInjector
{
    private readonly object _gate = new();
    private readonly Queue<DateTimeOffset> _window = new();
    private readonly TimeProvider _time;
    private FaultOptions _options;
    private Random _random;
    private DateOnly _quotaDay;
    private int _quotaUsed;

    public FaultInjector(FaultOptions options, TimeProvider? time = null)
    {
        _options = options;
        _random = new Random(options.Seed);
        _time = time ?? TimeProvider.System;
    }

    public FaultOptions Options
    {
        get
        {
            lock (_gate)
            {
                return _options;
            }
        }
    }

    /// <summary>Replaces the options and starts the counters and the random sequence again.</summary>
    public void Configure(FaultOptions options)
    {
        lock (_gate)
        {
            _options = options;
            _random = new Random(options.Seed);
            _window.Clear();
            _quotaUsed = 0;
        }
    }

    public int QuotaUsed
    {
        get
        {
            lock (_gate)
            {
                return _quotaUsed;
            }
        }
    }

    public FaultDecision Decide()
    {
        lock (_gate)
        {
            DateTimeOffset now = _time.GetUtcNow();
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            if (today != _quotaDay)
            {
                _quotaDay = today;
                _quotaUsed = 0;
            }
            if (_options.DailyQuota > 0 && _quotaUsed >= _options.DailyQuota)
            {
                DateTimeOffset midnight = new(today.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                return new FaultDecision(FaultKind.QuotaSpent, midnight - now);
            }

            if (_options.RateLimitCalls > 0)
            {
                while (_window.Count > 0 && now - _window.Peek() >= _options.RateLimitWindow)
                {
                    _window.Dequeue();
                }
                if (_window.Count >= _options.RateLimitCalls)
                {
                    TimeSpan wait = _options.RateLimitWindow - (now - _window.Peek());
                    return new FaultDecision(FaultKind.Throttled, TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(wait.TotalSeconds))));
                }
                _window.Enqueue(now);
            }

            double roll = _random.NextDouble();
            FaultDecision decision = Pick(roll);
            if (decision.Kind is FaultKind.None or FaultKind.Slow or FaultKind.ResetAfterBody or FaultKind.GatewayTimeout or FaultKind.Held)
            {
                _quotaUsed++;
            }
            return decision;
        }
    }

    private FaultDecision Pick(double roll)
    {
        double edge = _options.BucketFullRate;
        if (roll < edge)
        {
            return new FaultDecision(FaultKind.BucketFull);
        }
        edge += _options.UnavailableRate;
        if (roll < edge)
        {
            return new FaultDecision(FaultKind.Unavailable, TimeSpan.FromSeconds(_options.UnavailableRetryAfterSeconds));
        }
        edge += _options.DropRate;
        if (roll < edge)
        {
            return new FaultDecision(FaultKind.Drop);
        }
        edge += _options.ResetRate;
        if (roll < edge)
        {
            return new FaultDecision(FaultKind.ResetAfterBody);
        }
        edge += _options.GatewayTimeoutRate;
        if (roll < edge)
        {
            return new FaultDecision(FaultKind.GatewayTimeout);
        }
        edge += _options.HoldRate;
        if (roll < edge)
        {
            return new FaultDecision(FaultKind.Held);
        }
        edge += _options.SlowRate;
        return roll < edge ? new FaultDecision(FaultKind.Slow) : new FaultDecision(FaultKind.None);
    }
}
