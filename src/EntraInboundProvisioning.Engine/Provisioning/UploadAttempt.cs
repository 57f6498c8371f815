namespace EntraInboundProvisioning.Engine.Provisioning;

/// <summary>
/// What one upload call gave: the status and headers, the service's error, or a transport failure (no answer).
/// NeverSent says that the failure came before the body could leave (connection refused, name resolution, TLS), so
/// that sending again cannot duplicate anything.
/// </summary>
public sealed record UploadAttempt(
    int StatusCode,
    string? Location = null,
    string? RequestId = null,
    string? ClientRequestId = null,
    TimeSpan? RetryAfter = null,
    string? ErrorCode = null,
    string? ErrorMessage = null,
    Exception? TransportError = null,
    bool NeverSent = false)
{
    public bool Accepted => StatusCode is >= 200 and < 300;
}
