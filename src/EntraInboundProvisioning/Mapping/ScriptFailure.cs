using System.Management.Automation;

namespace EntraInboundProvisioning.Mapping;

/// <summary>What an inlined mapping scriptblock threw, kept so that only its own mapping key fails.</summary>
public sealed class ScriptFailure(ErrorRecord error)
{
    public ErrorRecord Error { get; } = error;
}
