namespace EntraInboundProvisioning.Engine.Tests;

internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The project's own sample data (samples/ in the repository); every clone has it.</summary>
    public static string OwnSamples { get; } = Path.Combine(RepoRoot, "samples");

    public static string OwnSample(string name) => Path.Combine(OwnSamples, name);

    /// <summary>Microsoft's sample HR files, beside the repository in ../shared (CI has it; a user's clone may not).</summary>
    public static string Samples { get; } = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "anchors", "entra-sample"));

    public static string Sample(string name) => Path.Combine(Samples, name);

    /// <summary>Microsoft's CSV2SCIM.ps1 and its samples, beside the repository in ../shared.</summary>
    public static string Csv2Scim { get; } = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "anchors", "csv2scim"));

    /// <summary>Why a test of compatibility with Microsoft's samples is skipped, or null when they are there.</summary>
    public static string? SharedAnchorsMissingReason { get; } =
        Directory.Exists(Samples) && Directory.Exists(Csv2Scim)
            ? null
            : $"needs Microsoft's sample files in {Path.GetDirectoryName(Samples)}, which this clone does not have beside it";

    private static string FindRepoRoot()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "EntraInboundProvisioning.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }
        return dir ?? throw new InvalidOperationException("EntraInboundProvisioning.sln was not found above the test folder.");
    }
}
