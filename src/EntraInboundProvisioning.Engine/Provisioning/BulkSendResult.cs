using EntraInboundProvisioning.Engine.Batching;

namespace EntraInboundProvisioning.Engine.Provisioning;

/// <summary>
/// What became of one bulk request: accepted (202, with the Location of its logs) or failed with the service's message.
/// Only a failed result keeps its request (to send it again): results are often kept for the whole run, and holding
/// every accepted payload would grow with the input.
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
