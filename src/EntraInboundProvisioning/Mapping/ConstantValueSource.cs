using EntraInboundProvisioning.Engine.Mapping;

namespace EntraInboundProvisioning.Mapping;

/// <summary>A mapping value that is the same for every record, such as { 'work' }.</summary>
internal sealed class ConstantValueSource(object? value, string text) : IValueSource
{
    public object? GetValue(IWorkerRecord record) => value;

    public string Describe() => "{" + text + "}";
}
