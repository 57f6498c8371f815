using System.Collections;
using System.Management.Automation;
using EntraInboundProvisioning.Adapters;
using EntraInboundProvisioning.Engine.Mapping;

namespace EntraInboundProvisioning.Mapping;

/// <summary>
/// Any pipeline object as the mapping reads it: an Import-HrCsv row (fields by index), a hashtable, or any other
/// object (its properties). Scriptblocks see the original object as $_.
/// </summary>
internal sealed class PSWorkerRecord : IWorkerRecord
{
    private readonly HrWorkerRecord? _row;
    private readonly IDictionary? _dictionary;

    public PSWorkerRecord(PSObject input)
    {
        Input = input;
        switch (input.BaseObject)
        {
            case HrRow row:
                _row = new HrWorkerRecord(row.Record);
                break;
            case IDictionary dictionary:
                _dictionary = dictionary;
                break;
        }
    }

    public PSObject Input { get; }

    public IEnumerable<string> FieldNames =>
        _row?.FieldNames
        ?? _dictionary?.Keys.Cast<object>().Select(k => k.ToString()!)
        ?? Input.Properties.Select(p => p.Name);

    public string? SourceFile => _row?.SourceFile;

    public long LineNumber => _row?.LineNumber ?? 0;

    public object? Shape => _row?.Shape;

    public object? GetField(int index) => _row!.GetField(index);

    public int IndexOf(string name) => _row?.IndexOf(name) ?? -1;

    public bool TryGetField(string name, out object? value)
    {
        if (_row is not null)
        {
            return _row.TryGetField(name, out value);
        }
        if (_dictionary is not null)
        {
            foreach (DictionaryEntry entry in _dictionary)
            {
                if (string.Equals(entry.Key.ToString(), name, StringComparison.OrdinalIgnoreCase))
                {
                    value = Unwrap(entry.Value);
                    return true;
                }
            }
            value = null;
            return false;
        }
        PSPropertyInfo? property = Input.Properties[name];
        value = property is null ? null : Unwrap(property.Value);
        return property is not null;
    }

    // Dynamic objects (ExpandoObject) answer member names that no member list shows: trust them.
    public bool HasMember(string name) =>
        TryGetField(name, out _) || Input.Members[name] is not null || Input.BaseObject is System.Dynamic.IDynamicMetaObjectProvider;

    /// <summary>
    /// The .NET value behind a PowerShell one; a hashtable (a complex value a scriptblock built) is copied with its
    /// values unwrapped, since the engine cannot see inside PSObjects.
    /// </summary>
    internal static object? Unwrap(object? value)
    {
        value = value is PSObject psObject && psObject.BaseObject is not PSCustomObject ? psObject.BaseObject : value;
        if (value is not IDictionary dictionary)
        {
            return value;
        }
        var copy = new System.Collections.Specialized.OrderedDictionary(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in dictionary)
        {
            copy[entry.Key] = Unwrap(entry.Value);
        }
        return copy;
    }
}
