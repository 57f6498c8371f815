namespace EntraInboundProvisioning.Engine.Provisioning;

/// <summary>How carefully requests are sent: pacing, and what is retried, how often and how long it may wait.</summary>
public sealed record SendPolicy
{
    /// <summary>Calls per window; the service allows 40 per 5 seconds. 0 turns pacing off.</summary>
    public int MaxCallsPerWindow { get; init; } = 40;

    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest Retry-After that is waited for; a longer one (the daily quota) stops the run.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Retries of 429, 503 and 504 inside the Graph client's retry handler (which honours Retry-After), at most 10.</summary>
    public int ThrottleRetries { get; init; } = 5;

    /// <summary>Retries of dropped connections and other 5xx answers, with growing waits.</summary>
    public int TransientRetries { get; init; } = 3;

    public TimeSpan TransientDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long to pause when the service says its bucket is full, and how many times.</summary>
    public TimeSpan BucketFullPause { get; init; } = TimeSpan.FromMinutes(5);

    public int BucketFullPauses { get; init; } = 3;
}
