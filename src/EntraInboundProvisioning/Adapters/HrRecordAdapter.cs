using System.Collections.ObjectModel;
using System.Management.Automation;
using EntraInboundProvisioning.Engine.Csv;

namespace EntraInboundProvisioning.Adapters;

/// <summary>
/// Shows an HR row's columns (and only them, so that Export-Csv writes the file back) as its properties, without building a note property per field per row: the row
/// keeps its fields in an array and PowerShell asks this adapter for them only when a script reads them.
/// </summary>
public sealed class HrRecordAdapter : PSPropertyAdapter
{
    public override Collection<PSAdaptedProperty> GetProperties(object baseObject)
    {
        HrRecord record = ((HrRow)baseObject).Record;
        var properties = new Collection<PSAdaptedProperty>();
        IReadOnlyList<string> names = record.Columns.Names;
        for (int i = 0; i < names.Count; i++)
        {
            properties.Add(new PSAdaptedProperty(names[i], i));
        }
        return properties;
    }

    public override PSAdaptedProperty? GetProperty(object baseObject, string propertyName)
    {
        HrRecord record = ((HrRow)baseObject).Record;
        int index = record.Columns.IndexOf(propertyName);
        return index < 0 ? null : new PSAdaptedProperty(record.Columns.Names[index], index);
    }

    public override Collection<string> GetTypeNameHierarchy(object baseObject) =>
        [typeof(HrRow).FullName!, typeof(object).FullName!];

    public override string GetPropertyTypeName(PSAdaptedProperty adaptedProperty) => typeof(string).FullName!;

    public override object GetPropertyValue(PSAdaptedProperty adaptedProperty) =>
        ((HrRow)adaptedProperty.BaseObject).Record.GetValue((int)adaptedProperty.Tag);

    public override bool IsGettable(PSAdaptedProperty adaptedProperty) => true;

    public override bool IsSettable(PSAdaptedProperty adaptedProperty) => true;

    public override void SetPropertyValue(PSAdaptedProperty adaptedProperty, object value) =>
        ((HrRow)adaptedProperty.BaseObject).Record.SetValue((int)adaptedProperty.Tag, LanguagePrimitives.ConvertTo<string>(value) ?? string.Empty);
}
