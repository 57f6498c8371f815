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
}
