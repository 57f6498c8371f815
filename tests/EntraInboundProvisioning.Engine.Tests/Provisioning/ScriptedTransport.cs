using EntraInboundProvisioning.Engine.Provisioning;

namespace EntraInboundProvisioning.Engine.Tests.Provisioning;

/// <summary>A transport that answers from a script, one answer per call, and keeps each call's client-request-id.</summary>
internal sealed class ScriptedTransport(params UploadAttempt[] answers) : IBulkUploadTransport
{
    private readonly Queue<UploadAttempt> _answers = new(answers);

    public List<string> ClientRequestIds { get; } = [];

    public int Calls => ClientRequestIds.Count;

    public Task<UploadAttempt> UploadAsync(ProvisioningTarget target, ReadOnlyMemory<byte> json, string clientRequestId, SendPolicy policy, CancellationToken cancellationToken)
    {
        ClientRequestIds.Add(clientRequestId);
        return Task.FromResult(_answers.Count > 0 ? _answers.Dequeue() : new UploadAttempt(202));
    }
}
