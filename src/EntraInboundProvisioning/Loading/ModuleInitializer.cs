using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;
using System.Runtime.Loader;
using EntraInboundProvisioning.Adapters;
using EntraInboundProvisioning.Connection;

namespace EntraInboundProvisioning.Loading;

/// <summary>
/// Sends the module's first request for an assembly in lib/ (the engine) to the module's load context; from
/// there the engine's own references resolve inside that context. Then registers the type adapter for HR rows,
/// which a type file cannot do because the engine is not loaded when type files are read.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    public void OnImport()
    {
        AssemblyLoadContext.Default.Resolving += Resolve;
        RegisterTypeData();
    }

    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        // Remove-Module signs out: the runspace's connection (and its token) goes with the module.
        ConnectionStore.Set(null);
        AssemblyLoadContext.Default.Resolving -= Resolve;
    }

    private static Assembly? Resolve(AssemblyLoadContext defaultContext, AssemblyName name) =>
        name.Name == "EntraInboundProvisioning.Engine" && ModuleLoadContext.Instance.Owns(name)
            ? ModuleLoadContext.Instance.LoadFromAssemblyName(name)
            : null;

    private static void RegisterTypeData()
    {
        if (Runspace.DefaultRunspace is null)
        {
            return;
        }
        var typeData = new TypeData(typeof(HrRow)) { TypeAdapter = typeof(HrRecordAdapter), IsOverride = true };
        using var powerShell = PowerShell.Create(RunspaceMode.CurrentRunspace);
        powerShell.AddCommand("Microsoft.PowerShell.Utility\\Update-TypeData").AddParameter("TypeData", typeData).Invoke();
    }
}
