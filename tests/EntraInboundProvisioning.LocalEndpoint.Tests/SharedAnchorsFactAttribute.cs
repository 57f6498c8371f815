namespace EntraInboundProvisioning.LocalEndpoint.Tests;

/// <summary>A fact that compares with Microsoft's sample files in ../shared: skipped, with the reason, when they are not there.</summary>
public sealed class SharedAnchorsFactAttribute : FactAttribute
{
    public SharedAnchorsFactAttribute()
    {
        if (TestPaths.SharedAnchorsMissingReason is { } reason) Skip = reason;
    }
}
