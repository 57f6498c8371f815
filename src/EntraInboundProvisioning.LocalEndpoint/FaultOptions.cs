namespace EntraInboundProvisioning.LocalEndpoint;

/// <summary>The service's limits and the faults the endpoint injects into bulkUpload calls, repeatable with a seed.</summary>
public sealed class FaultOptions
{
    /// <summary>Calls allowed in each window before 429 (the service allows 40 calls per 5 seconds); 0 for no limit.</summary>
    public int RateLimitCalls { get; set; } = 40;

    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>bulkUpload calls allowed per UTC day (the tenant quota is 2,000 or 6,000); 0 for no quota.</summary>
    public int DailyQuota { get; set; } = 6000;

    public int Seed { get; set; } = 1;

    /// <summary>Share of calls answered 500 "bucket is full".</summary>
    public double BucketFullRate { get; set; }

    /// <summary>Share of calls answered 503 with Retry-After.</summary>
    public double UnavailableRate { get; set; }

    /// <summary>Share of calls answered after <see cref="SlowDelay"/>.</summary>
    public double SlowRate { get; set; }

    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Share of calls whose connection is dropped before any answer (the upload is not applied).</summary>
    public double DropRate { get; set; }

    /// <summary>The Retry-After, in seconds, of 503 answers.</summary>
    public int UnavailableRetryAfterSeconds { get; set; } = 1;

    /// <summary>Share of calls whose body is read and applied, then whose connection is reset: the client cannot know.</summary>
    public double ResetRate { get; set; }

    /// <summary>Share of calls whose body is read and applied, then answered 504 (a gateway that gave up waiting).</summary>
    public double GatewayTimeoutRate { get; set; }

    /// <summary>Share of calls whose body is read and applied, then whose answer is held for <see cref="HoldDelay"/>.</summary>
    public double HoldRate { get; set; }

    /// <summary>Long enough to outlast any client's timeout.</summary>
    public TimeSpan HoldDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Time added before every bulkUpload answer: a network's round trip (a Graph call over the internet costs about 400 ms).</summary>
    public TimeSpan Latency { get; set; }
}
