using EntraInboundProvisioning.Engine.Scim;

namespace EntraInboundProvisioning.Engine.Sync;

/// <summary>A user a run sends, and why; <paramref name="Depth"/> is its place in the run's management chain (0: its manager is not in the run).</summary>
public sealed record StagedUser(ScimUser User, StagedKind Kind, bool Disable, long Depth)
{
    /// <summary>What the service will do, as a preview names it.</summary>
    public string Action => Kind switch
    {
        StagedKind.New => "Create",
        StagedKind.Leaver => "Disable (absent from the input)",
        _ when Disable => "Disable (active turns false)",
        StagedKind.Changed => "Update (changed)",
        StagedKind.Retried => "Update (retried after a failure)",
        StagedKind.ManagerResolved => "Update (manager now known)",
        _ => "Update",
    };
}
