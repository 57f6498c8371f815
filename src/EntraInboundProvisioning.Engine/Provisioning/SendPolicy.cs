namespace EntraInboundProvisioning.Engine.Provisioning;

/// <summary>How carefully requests are sent: pacing, what is retried, how often and how long it may wait.</summary>
public sealed record SendPolicy
{
    /// <summary>
    /// Calls per window; 40 per 5 seconds is the conservative reading of Microsoft's pages (the Graph reference says
    /// 40 per second). 0 turns pacing off.
    /// </summary>
    public int MaxCallsPerWindow { get; init; } = 40;

    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Added to the window, besides what the pacer measures of each call's delay (see <see cref="Pacer"/>): the
    /// service's and the client's clocks tick apart, and the time a call leaves is taken just before it goes.
    /// </summary>
    public TimeSpan PaceLeeway { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Requests in flight at once, all under the one pacer.</summary>
    public int ThrottleLimit { get; init; } = 8;

    /// <summary>How long one call may go without an answer; past it the outcome is unknown.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>The longest Retry-After (of any answer) that is waited for; a longer one stops the run.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Retries of 429 and 503, each after the Retry-After the service gave.</summary>
    public int ThrottleRetries { get; init; } = 5;

    /// <summary>Retries of connections that could not be made (nothing was sent), with growing waits.</summary>
    public int TransientRetries { get; init; } = 3;

    public TimeSpan TransientDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long to pause when the service says its bucket is full, and how many times.</summary>
    public TimeSpan BucketFullPause { get; init; } = TimeSpan.FromMinutes(5);

    public int BucketFullPauses { get; init; } = 3;
}
