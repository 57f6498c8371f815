namespace EntraInboundProvisioning.Engine.Mapping;

public sealed class ComputedGetter(IValueSource source) : ValueGetter
{
    public IValueSource Source { get; } = source;

    public override object? Get(IWorkerRecord record) => Source.GetValue(record);

    public override string Describe() => Source.Describe();
}
