using EntraInboundProvisioning.Engine.Batching;

namespace EntraInboundProvisioning.Engine.Provisioning;

/// <summary>What became of one bulk request: accepted (202, with the Location of its logs) or failed with the service's message.</summary>
public sealed record BulkSendResult(
    ScimBulkRequest Request,
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
    public int Index => Request.Index;

    public int Count => Request.Count;

    public IReadOnlyList<string> ExternalIds => Request.ExternalIds;
}
