namespace EntraInboundProvisioning.Engine.Provisioning;

/// <summary>What one upload call gave: the status and headers, the service's error, or a transport failure (no answer).</summary>
public sealed record UploadAttempt(
    int StatusCode,
    string? Location = null,
    string? RequestId = null,
    string? ClientRequestId = null,
    TimeSpan? RetryAfter = null,
    string? ErrorCode = null,
    string? ErrorMessage = null,
    int MiddlewareRetries = 0,
    Exception? TransportError = null)
{
    public bool Accepted => StatusCode is >= 200 and < 300;
}
