using System.Globalization;
using System.Management.Automation;

namespace EntraInboundProvisioning.Commands;

/// <summary>
/// Lets a TimeSpan parameter take a number as seconds, as Invoke-RestMethod -TimeoutSec does: PowerShell's own
/// conversion would read 60 as 60 ticks (6 µs), and '60' as 60 days. TimeSpans and strings like '00:05:00' pass as before.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class SecondsTimeSpanAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        return value switch
        {
            sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal =>
                TimeSpan.FromSeconds(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
            string text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) => TimeSpan.FromSeconds(seconds),
            _ => inputData,
        };
    }
}
