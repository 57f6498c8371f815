namespace EntraInboundProvisioning.LocalEndpoint.Tests;

internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>Bulk requests of the project's own (tests/.../Payloads in the repository); every clone has them.</summary>
    public static string OwnPayload(string name) => Path.Combine(RepoRoot, "tests", "EntraInboundProvisioning.LocalEndpoint.Tests", "Payloads", name);

    /// <summary>Microsoft's sample HR files, beside the repository in ../shared (CI has it; a user's clone may not).</summary>
    public static string Samples { get; } = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "anchors", "entra-sample"));

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
