namespace EntraInboundProvisioning.Engine.Provisioning;

/// <summary>Sends one bulk request body to a job's bulkUpload endpoint.</summary>
public interface IBulkUploadTransport
{
    Task<UploadAttempt> UploadAsync(ProvisioningTarget target, ReadOnlyMemory<byte> json, SendPolicy policy, CancellationToken cancellationToken);
}
