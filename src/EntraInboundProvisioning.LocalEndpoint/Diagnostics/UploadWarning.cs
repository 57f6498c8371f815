namespace EntraInboundProvisioning.LocalEndpoint.Diagnostics;

/// <summary>Something suspicious in an upload the endpoint accepted, with the request-id of its answer.</summary>
public sealed record UploadWarning(DateTimeOffset Time, string JobId, string RequestId, string Message)
{
    public override string ToString() => $"warning: job {JobId}, request-id {RequestId}: {Message}";
}
