namespace EntraInboundProvisioning.Engine.Mapping;

public sealed class ComputedGetter(IValueSource source, IReadOnlyList<string>? columns = null) : ValueGetter
{
    public IValueSource Source { get; } = source;

    /// <summary>The columns the computation is known to read.</summary>
    public IReadOnlyList<string> Columns { get; } = columns ?? [];

    public override object? Get(IWorkerRecord record) => Source.GetValue(record);

    public override string Describe() => Source.Describe();
}
