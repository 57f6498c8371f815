using System.Collections;
using System.Globalization;
using EntraInboundProvisioning.Engine.Scim;

namespace EntraInboundProvisioning.Engine.Mapping;

/// <summary>Gives a raw value (a string from a file, or what a scriptblock returned) its attribute's JSON type.</summary>
public static class ScimValueConverter
{
    /// <summary>
    /// Returns the value as string, bool, long or decimal, or null when it is empty. A [datetime] that is not marked
    /// UTC is read as the time of day in <paramref name="timeZone"/> (UTC when not given), never in the time zone of
    /// the machine that runs the conversion.
    /// </summary>
    public static object? Convert(ScimAttribute attribute, object? raw, TimeZoneInfo? timeZone = null)
    {
        raw = Single(raw);
        if (raw is null || raw is DBNull || (raw is string s && s.Length == 0))
        {
            return null;
        }
        return attribute.Type switch
        {
            ScimAttributeType.Boolean => ToBoolean(raw),
            ScimAttributeType.Integer => ToInteger(raw),
            ScimAttributeType.Decimal => ToDecimal(raw),
            ScimAttributeType.Any => raw switch
            {
                bool b => b,
                byte or sbyte or short or ushort or int or uint or long => System.Convert.ToInt64(raw, CultureInfo.InvariantCulture),
                float or double or decimal => System.Convert.ToDecimal(raw, CultureInfo.InvariantCulture),
                _ => ToText(raw, timeZone),
            },
            _ => ToText(raw, timeZone),
        };
    }

    /// <summary>ISO 8601 with a time and an offset: Entra drops an employeeHireDate without a time part.</summary>
    public static string ToIsoString(DateTimeOffset value) =>
        value.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture).Replace("+00:00", "Z", StringComparison.Ordinal);

    private static object? Single(object? raw)
    {
        if (raw is string or null || raw is not IEnumerable sequence)
        {
            return raw;
        }
        object? first = null;
        int count = 0;
        foreach (object? item in sequence)
        {
            first = item;
            if (++count > 1)
            {
                throw new ScimValueException("it is a list of several values, and the attribute takes one");
            }
        }
        return count == 0 ? null : first;
    }

    private static string ToText(object raw, TimeZoneInfo? timeZone) => raw switch
    {
        string s => s,
        DateTime dt => ToIsoString(InZone(dt, timeZone ?? TimeZoneInfo.Utc)),
        DateTimeOffset dto => ToIsoString(dto),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => raw.ToString() ?? string.Empty,
    };

    private static DateTimeOffset InZone(DateTime value, TimeZoneInfo timeZone)
    {
        if (value.Kind == DateTimeKind.Utc)
        {
            return new DateTimeOffset(value, TimeSpan.Zero);
        }
        DateTime wallClock = DateTime.SpecifyKind(value, DateTimeKind.Unspecified);
        return new DateTimeOffset(wallClock, timeZone.GetUtcOffset(wallClock));
    }

    private static bool ToBoolean(object raw) => raw switch
    {
        bool b => b,
        byte or sbyte or short or ushort or int or uint or long when System.Convert.ToInt64(raw, CultureInfo.InvariantCulture) is 0 or 1 =>
            System.Convert.ToInt64(raw, CultureInfo.InvariantCulture) == 1,
        string s => s.Trim().ToLowerInvariant() switch
        {
            "true" or "yes" or "1" or "y" => true,
            "false" or "no" or "0" or "n" => false,
            _ => throw new ScimValueException("it is not a boolean: use true/false, yes/no or 1/0, or a scriptblock such as { $_.Status -eq 'Active' }"),
        },
        _ => throw new ScimValueException($"a {raw.GetType().Name} is not a boolean: use true/false, yes/no or 1/0"),
    };

    private static long ToInteger(object raw) =>
        raw is string s ? long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out long n) ? n : throw new ScimValueException("it is not a whole number")
        : System.Convert.ToInt64(raw, CultureInfo.InvariantCulture);

    private static decimal ToDecimal(object raw) =>
        raw is string s ? decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out decimal n) ? n : throw new ScimValueException("it is not a number")
        : System.Convert.ToDecimal(raw, CultureInfo.InvariantCulture);
}
