using EntraInboundProvisioning.Engine.Provisioning;

namespace EntraInboundProvisioning.Engine.Tests.Provisioning;

/// <summary>A transport that answers from a script, one answer per call, and counts the calls.</summary>
internal sealed class ScriptedTransport(params UploadAttempt[] answers) : IBulkUploadTransport
{
    private readonly Queue<UploadAttempt> _answers = new(answers);

    public int Calls { get; private set; }

    public Task<UploadAttempt> UploadAsync(ProvisioningTarget target, ReadOnlyMemory<byte> json, SendPolicy policy, CancellationToken cancellationToken)
    {
        Calls++;
        return Task.FromResult(_answers.Count > 0 ? _answers.Dequeue() : new UploadAttempt(202));
    }
}
