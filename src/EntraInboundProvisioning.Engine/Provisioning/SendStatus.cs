namespace EntraInboundProvisioning.Engine.Provisioning;

public enum SendStatus
{
    /// <summary>The service answered 202: the request is queued for the job.</summary>
    Accepted,

    /// <summary>The service answered and did not take the request (400, 401, 403, 404, a bucket that stayed full...).</summary>
    Failed,

    /// <summary>
    /// The body went out but no answer came (a timeout, a connection reset after sending, 504): it may have been
    /// accepted. It is not sent again blindly, since bulkUpload has no idempotency key; the logs settle it.
    /// </summary>
    Unknown,

    /// <summary>Never sent, or provably not taken, because the run stopped (quota spent, host unreachable, a Retry-After past the cap, 401/403/404).</summary>
    NotSent,
}
