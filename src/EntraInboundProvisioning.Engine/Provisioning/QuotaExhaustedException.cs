namespace EntraInboundProvisioning.Engine.Provisioning;

/// <summary>The tenant's daily quota of bulkUpload calls is spent: nothing more can be sent until it renews.</summary>
public sealed class QuotaExhaustedException(string message, TimeSpan? retryAfter) : Exception(message)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
