namespace EntraInboundProvisioning.Engine.Mapping;

public sealed class ComputedGetter(IValueSource source, IReadOnlyList<string>? columns = null, IReadOnlyList<string>? defensiveColumns = null) : ValueGetter
{
    public IValueSource Source { get; } = source;

    /// <summary>The columns the computation is known to read.</summary>
    public IReadOnlyList<string> Columns { get; } = columns ?? [];

    /// <summary>The columns the computation reads only after checking for them or with a fallback, so may be absent.</summary>
    public IReadOnlyList<string> DefensiveColumns { get; } = defensiveColumns ?? [];

    public override object? Get(IWorkerRecord record) => Source.GetValue(record);

    public override string Describe() => Source.Describe();
}
