namespace EntraInboundProvisioning.Engine.Tests;

/// <summary>A theory over Microsoft's sample files in ../shared: skipped, with the reason, when they are not there.</summary>
public sealed class SharedAnchorsTheoryAttribute : TheoryAttribute
{
    public SharedAnchorsTheoryAttribute()
    {
        if (TestPaths.SharedAnchorsMissingReason is { } reason) Skip = reason;
    }
}
