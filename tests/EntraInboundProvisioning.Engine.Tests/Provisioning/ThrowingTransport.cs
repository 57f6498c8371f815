using EntraInboundProvisioning.Engine.Provisioning;

namespace EntraInboundProvisioning.Engine.Tests.Provisioning;

/// <summary>A transport whose every call throws the given exception, as a library the sender does not know may.</summary>
internal sealed class ThrowingTransport(Exception exception) : IBulkUploadTransport
{
    public int Calls { get; private set; }

    public Task<UploadAttempt> UploadAsync(ProvisioningTarget target, ReadOnlyMemory<byte> json, string clientRequestId, SendPolicy policy, CancellationToken cancellationToken)
    {
        Calls++;
        return Task.FromException<UploadAttempt>(exception);
    }
}
