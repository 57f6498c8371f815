namespace EntraInboundProvisioning.Engine.Mapping;

public sealed class ColumnGetter(string column) : ValueGetter
{
    private object? _shape;
    private int _index = -1;

    public string Column { get; } = column;

    public override object? Get(IWorkerRecord record)
    {
        object? shape = record.Shape;
        if (shape is not null)
        {
            if (!ReferenceEquals(shape, _shape))
            {
                _index = record.IndexOf(Column);
                _shape = shape;
            }
            return _index >= 0 ? record.GetField(_index) : null;
        }
        return record.TryGetField(Column, out object? value) ? value : null;
    }

    public override string Describe() => $"column '{Column}'";
}
