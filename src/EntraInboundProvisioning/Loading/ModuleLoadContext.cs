using System.Reflection;
using System.Runtime.InteropServices;
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

    // Native libraries (SQLite's e_sqlite3) sit in lib/runtimes/<rid>/native/, where only a deps.json would lead the
    // runtime; the module has none, so the context finds them for the assemblies it loaded.
    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        foreach (string rid in RuntimeIdentifiers())
        {
            string folder = Path.Combine(_directory, "runtimes", rid, "native");
            foreach (string file in FileNames(unmanagedDllName))
            {
                string path = Path.Combine(folder, file);
                if (File.Exists(path))
                {
                    return LoadUnmanagedDllFromPath(path);
                }
            }
        }
        return IntPtr.Zero;
    }

    private static IEnumerable<string> RuntimeIdentifiers()
    {
        string arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        if (OperatingSystem.IsWindows())
        {
            yield return $"win-{arch}";
        }
        else if (OperatingSystem.IsMacOS())
        {
            yield return $"osx-{arch}";
        }
        else if (OperatingSystem.IsLinux())
        {
            if (IsMusl())
            {
                yield return $"linux-musl-{arch}";
            }
            yield return $"linux-{arch}";
        }
    }

    private static bool IsMusl() => System.IO.Directory.Exists("/lib") && System.IO.Directory.EnumerateFiles("/lib", "ld-musl-*").Any();

    private static IEnumerable<string> FileNames(string name)
    {
        yield return name;
        if (OperatingSystem.IsWindows())
        {
            yield return name + ".dll";
        }
        else
        {
            string extension = OperatingSystem.IsMacOS() ? ".dylib" : ".so";
            yield return "lib" + name + extension;
            yield return name + extension;
        }
    }
}
