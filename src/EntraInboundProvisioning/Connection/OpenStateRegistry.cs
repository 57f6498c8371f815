using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using EntraInboundProvisioning.Engine.Sync;

namespace EntraInboundProvisioning.Connection;

/// <summary>
/// The provisioning states opened in each runspace. Import-HrCsv and ConvertTo-ScimUser record the rows they reject
/// into the states open here even without -State, so that a pipeline written as the sync's documented pattern
/// (-State on New-ScimBulkRequest and Send-ScimBulkRequest only) never takes a rejected worker for a leaver.
/// </summary>
internal static class OpenStateRegistry
{
    private static readonly ConditionalWeakTable<Runspace, List<ProvisioningState>> States = new();

    public static IReadOnlyList<ProvisioningState> Current =>
        Runspace.DefaultRunspace is { } runspace && States.TryGetValue(runspace, out List<ProvisioningState>? states)
            ? states.Where(state => state.IsOpen).ToList()
            : [];

    public static void Add(ProvisioningState state)
    {
        if (Runspace.DefaultRunspace is { } runspace)
        {
            List<ProvisioningState> states = States.GetOrCreateValue(runspace);
            states.RemoveAll(open => !open.IsOpen);
            states.Add(state);
        }
    }

    public static void Remove(ProvisioningState state)
    {
        if (Runspace.DefaultRunspace is { } runspace && States.TryGetValue(runspace, out List<ProvisioningState>? states))
        {
            states.Remove(state);
        }
    }

    /// <summary>The state given with -State, or else every state open in this runspace.</summary>
    public static IReadOnlyList<ProvisioningState> RecordingTargets(ProvisioningState? given) => given is not null ? [given] : Current;
}
