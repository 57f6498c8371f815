namespace EntraInboundProvisioning.Engine.Faults;

/// <summary>Faults that are one mistake: the first of them, how many there were, and where the first few were.</summary>
public sealed class RepeatedFaultGroup<TFault>(TFault first)
{
    public TFault First { get; } = first;

    public long Count { get; set; }

    public List<string> Sources { get; } = [];
}
