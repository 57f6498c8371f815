using System.Globalization;
using System.Management.Automation;

namespace EntraInboundProvisioning.Commands;

/// <summary>Refuses a TimeSpan outside a range given in seconds: a negative pause throws deep in the engine, and a zero poll interval spins.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateTimeSpanRangeAttribute(double minSeconds, double maxSeconds) : ValidateArgumentsAttribute
{
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        object value = arguments is PSObject wrapped ? wrapped.BaseObject : arguments;
        if (value is TimeSpan span && (span.TotalSeconds < minSeconds || span.TotalSeconds > maxSeconds))
        {
            throw new ValidationMetadataException(string.Format(CultureInfo.InvariantCulture,
                "{0} s is not allowed: give a time from {1} to {2} seconds (a number, or a TimeSpan such as '00:05:00').",
                span.TotalSeconds, minSeconds, maxSeconds));
        }
    }
}
