namespace EntraInboundProvisioning.LocalEndpoint.Faults;

public enum FaultKind
{
    None,
    Throttled,
    QuotaSpent,
    BucketFull,
    Unavailable,
    Slow,
    Drop,
    ResetAfterBody,
    GatewayTimeout,
    Held,
}

/// <summary>What the endpoint does with one bulkUpload call; RetryAfter for 429 and 503.</summary>
public readonly record struct FaultDecision(FaultKind Kind, TimeSpan RetryAfter = default);
