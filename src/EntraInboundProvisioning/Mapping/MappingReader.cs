using System.Collections;
using System.Management.Automation;
using EntraInboundProvisioning.Engine.Mapping;

namespace EntraInboundProvisioning.Mapping;

/// <summary>
/// Reads a CSV2SCIM AttributeMapping (a hashtable, or a .psd1 file read as Import-PowerShellDataFile reads it) into
/// the engine's neutral mapping tree; scriptblocks become value sources.
/// </summary>
internal sealed class MappingReader : IDisposable
{
    private readonly List<ScriptBlockValueSource> _sources = [];
    private readonly ScriptBatch _batch = new();

    public IReadOnlyList<KeyValuePair<string, MappingValue>> Read(IDictionary mapping) => Members(mapping, string.Empty);

    public static IDictionary LoadFile(PSCmdlet cmdlet, string path)
    {
        string fullPath = cmdlet.GetUnresolvedProviderPathFromPSPath(path);
        if (!File.Exists(fullPath))
        {
            throw new MappingException(path, $"The mapping file '{fullPath}' does not exist. Give the path of an AttributeMapping .psd1 file, or a hashtable.");
        }
        try
        {
            var result = cmdlet.InvokeCommand.InvokeScript(
                "Microsoft.PowerShell.Utility\\Import-PowerShellDataFile -LiteralPath $args[0]", fullPath);
            return result.Count == 1 && result[0].BaseObject is IDictionary dictionary
                ? dictionary
                : throw new MappingException(path, $"The mapping file '{fullPath}' does not hold one hashtable.");
        }
        catch (RuntimeException ex)
        {
            throw new MappingException(path, $"The mapping file '{fullPath}' cannot be read: {ex.Message}");
        }
    }

    public void Dispose()
    {
        _batch.Dispose();
        foreach (ScriptBlockValueSource source in _sources)
        {
            source.Dispose();
        }
    }

    private List<KeyValuePair<string, MappingValue>> Members(IDictionary dictionary, string prefix)
    {
        var members = new List<KeyValuePair<string, MappingValue>>();
        foreach (DictionaryEntry entry in dictionary)
        {
            string key = entry.Key?.ToString() ?? string.Empty;
            members.Add(new(key, Value(entry.Value, prefix + key)));
        }
        return members;
    }

    private MappingValue Value(object? value, string key)
    {
        value = value is PSObject psObject ? psObject.BaseObject : value;
        switch (value)
        {
            case string column:
                return new ColumnMappingValue(column);
            case ScriptBlock scriptBlock when ScriptBlockValueSource.TryGetConstant(scriptBlock, out object? constant):
                return new ComputedMappingValue(new ConstantValueSource(constant, scriptBlock.ToString()));
            case ScriptBlock scriptBlock when ScriptBatch.CanInline(ScriptBlockValueSource.Unwrap(scriptBlock)):
                ScriptBlock inner = ScriptBlockValueSource.Unwrap(scriptBlock);
                return Computed(new BatchedScriptValueSource(_batch, _batch.Add(inner), inner.ToString()), inner);
            case ScriptBlock scriptBlock:
                var source = new ScriptBlockValueSource(scriptBlock);
                _sources.Add(source);
                return Computed(source, ScriptBlockValueSource.Unwrap(scriptBlock));
            case IDictionary nested:
                return new ComplexMappingValue(Members(nested, key + "."));
            case IList list:
                return new ArrayMappingValue(list.Cast<object?>().Select((item, i) => Value(item, $"{key}[{i}]")).ToList());
            default:
                throw new MappingException(key, $"Mapping key '{key}' has a value of type {value?.GetType().Name ?? "null"}: give a column name " +
                    "('WorkerID'), a scriptblock ({ $_.Status -eq 'Active' }; constants as { 'work' }), a hashtable or an array.");
        }
    }

    private static ComputedMappingValue Computed(IValueSource source, ScriptBlock scriptBlock)
    {
        (IReadOnlyList<string> columns, IReadOnlyList<string> defensive) = ScriptColumnFinder.Find(scriptBlock);
        return new ComputedMappingValue(source, columns, defensive);
    }
}
