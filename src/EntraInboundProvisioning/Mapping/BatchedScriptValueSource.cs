using System.Management.Automation;
using EntraInboundProvisioning.Engine.Mapping;

namespace EntraInboundProvisioning.Mapping;

/// <summary>One mapping scriptblock whose value comes from the mapping's <see cref="ScriptBatch"/>.</summary>
internal sealed class BatchedScriptValueSource(ScriptBatch batch, int index, string text) : IValueSource
{
    public object? GetValue(IWorkerRecord record)
    {
        object? value = batch.GetValue(((PSWorkerRecord)record).Input, index);
        if (value is ScriptFailure failure)
        {
            throw new RuntimeException(failure.Error.Exception.Message, failure.Error.Exception);
        }
        var values = (object?[]?)(value is PSObject { BaseObject: object?[] wrapped } ? wrapped : value) ?? [];
        return values.Length switch
        {
            0 => null,
            1 => PSWorkerRecord.Unwrap(values[0]),
            _ => values.Select(PSWorkerRecord.Unwrap).ToArray(),
        };
    }

    public string Describe() => "{" + text + "}";
}
