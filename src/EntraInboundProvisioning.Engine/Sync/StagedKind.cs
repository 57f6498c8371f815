namespace EntraInboundProvisioning.Engine.Sync;

/// <summary>Why a worker is sent in a run.</summary>
public enum StagedKind
{
    New = 1,
    Changed = 2,
    Retried = 3,
    ManagerResolved = 4,
    Leaver = 5,
    Refreshed = 6,
}
