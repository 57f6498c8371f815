namespace EntraInboundProvisioning.Engine.Mapping;

/// <summary>Reads one mapped value from a record: a column, resolved to an index once per shape, or a computed value.</summary>
public abstract class ValueGetter
{
    public abstract object? Get(IWorkerRecord record);

    public abstract string Describe();
}
