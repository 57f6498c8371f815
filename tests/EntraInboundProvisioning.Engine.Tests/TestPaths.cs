namespace EntraInboundProvisioning.Engine.Tests;

internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The sample HR files given to the project, beside the repository in ../shared.</summary>
    public static string Samples { get; } = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "anchors", "entra-sample"));

    public static string Sample(string name) => Path.Combine(Samples, name);

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
