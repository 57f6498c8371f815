using System.Reflection;
using System.Runtime.Loader;

namespace EntraInboundProvisioning.Loading;

/// <summary>
/// Holds the engine and its dependencies (CsvHelper, Azure.Identity, Microsoft.Graph, Kiota, MSAL) apart from
/// the session's own, so that a session that already loaded other versions of them (Az.Accounts,
/// Microsoft.Graph.Authentication) and this module work side by side.
/// </summary>
internal sealed class ModuleLoadContext : AssemblyLoadContext
{
    private readonly string _directory;

    private ModuleLoadContext(string directory)
        : base(name: "EntraInboundProvisioning", isCollectible: false)
    {
        _directory = directory;
    }

    public static ModuleLoadContext Instance { get; } = new(Path.Combine(
        Path.GetDirectoryName(typeof(ModuleLoadContext).Assembly.Location)!, "lib"));

    public string Directory => _directory;

    public bool Owns(AssemblyName name) => name.Name is { } n && File.Exists(Path.Combine(_directory, n + ".dll"));

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        string path = Path.Combine(_directory, assemblyName.Name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }
}
