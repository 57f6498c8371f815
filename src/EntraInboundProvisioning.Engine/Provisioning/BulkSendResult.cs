using EntraInboundProvisioning.Engine.Batching;

namespace EntraInboundProvisioning.Engine.Provisioning;

/// <summary>
/// What became of one bulk request: Accepted (202, with the Location of its logs), Failed with the service's message,
/// Unknown (sent, no answer) or NotSent (the run stopped). ClientRequestId is the same for every attempt of the request.
/// Only an accepted result lets go of its request: the others keep it to be sent again, while holding every accepted
/// payload would grow with the input.
/// </summary>
public sealed record BulkSendResult(
    int Index,
    IReadOnlyList<string> ExternalIds,
    ScimBulkRequest? Request,
    SendStatus Status,
    int StatusCode,
    string? Location,
    string? RequestId,
    string? ClientRequestId,
    DateTimeOffset SentAt,
    TimeSpan Duration,
    int Attempts,
    string? ErrorCode,
    string? ErrorMessage,
    ProvisioningTarget Target)
{
    public int Count => ExternalIds.Count;
}
