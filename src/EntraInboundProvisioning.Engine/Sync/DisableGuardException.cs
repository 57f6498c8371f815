namespace EntraInboundProvisioning.Engine.Sync;

/// <summary>A run would disable more workers than its limits allow; nothing of it was sent.</summary>
public sealed class DisableGuardException(string message, int disables, IReadOnlyList<string> sample) : Exception(message)
{
    public int Disables { get; } = disables;

    public IReadOnlyList<string> Sample { get; } = sample;
}
