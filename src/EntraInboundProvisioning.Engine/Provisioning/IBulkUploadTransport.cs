namespace EntraInboundProvisioning.Engine.Provisioning;

/// <summary>Sends one bulk request body to a job's bulkUpload endpoint, once (retrying is the sender's decision).</summary>
public interface IBulkUploadTransport
{
    /// <param name="clientRequestId">The same for every attempt of one request, so that the service's logs tie them together.</param>
    Task<UploadAttempt> UploadAsync(ProvisioningTarget target, ReadOnlyMemory<byte> json, string clientRequestId, SendPolicy policy, CancellationToken cancellationToken);
}
