namespace EntraInboundProvisioning.Engine.Sync;

/// <summary>
/// A state that lasts only while it is open: a preview of a state not created yet (in memory), or the scratch
/// database that orders a run managers-first without a state (a temporary file, deleted on close).
/// </summary>
public sealed class TransientStateStorage : StateStorage
{
    private TransientStateStorage(string location, string? path)
    {
        Location = location;
        DatabasePath = path;
    }

    public static TransientStateStorage InMemory(string location) => new(location, null);

    public static TransientStateStorage TemporaryFile() =>
        new("(temporary)", ScratchFiles.NewPath("temporary"));

    public override string Location { get; }

    public override string? DatabasePath { get; }

    public override void OnClosed()
    {
        if (DatabasePath is not null)
        {
            ProvisioningState.DeleteDatabaseFiles(DatabasePath);
        }
    }
}
