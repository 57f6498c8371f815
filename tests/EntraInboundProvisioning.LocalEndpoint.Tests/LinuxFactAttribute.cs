namespace EntraInboundProvisioning.LocalEndpoint.Tests;

/// <summary>A fact about process groups and signals that this suite checks on Linux (through /proc); skipped elsewhere.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux()) Skip = "reads process groups from /proc, which only Linux has";
    }
}
