using System.Reflection;
using System.Runtime.Serialization;

namespace EntraInboundProvisioning.Engine.Provisioning;

/// <summary>An SDK enum value as Graph spells it on the wire (its EnumMember value: stagedDelete, TooManyDeletes), not its C# name.</summary>
internal static class GraphEnumText
{
    public static string? Of<T>(T? value) where T : struct, Enum =>
        value is { } v
            ? typeof(T).GetField(v.ToString())?.GetCustomAttribute<EnumMemberAttribute>()?.Value ?? v.ToString()
            : null;
}
