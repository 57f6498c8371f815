using System.Text;
using EntraInboundProvisioning.Engine.Scim;
using EntraInboundProvisioning.Engine.Sync;

namespace EntraInboundProvisioning.Engine.Tests.Sync;

/// <summary>A state file in the temp folder, deleted when the test ends, and the users and runs the tests need.</summary>
internal sealed class StateFixture : IDisposable
{
    private readonly Func<string, StateStorage> _storage;

    /// <param name="storage">Where the state lives, given the file's path; a local file when null.</param>
    public StateFixture(Func<string, StateStorage>? storage = null)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"eip-state-{Guid.NewGuid():N}.db");
        _storage = storage ?? (path => new LocalStateStorage(path));
        State = ProvisioningState.Open(_storage(Path));
    }

    public string Path { get; }

    public ProvisioningState State { get; private set; }

    public static ScimUser User(string id, string? manager = null, string title = "Clerk", bool active = true)
    {
        string managerJson = manager is null ? "" : $$$""","{{{ScimSchemas.EnterpriseUserUrn}}}":{"manager":{"value":"{{{manager}}}"}}""";
        string json = $$"""{"schemas":["{{ScimSchemas.CoreUserUrn}}"],"externalId":"{{id}}","title":"{{title}}","active":{{(active ? "true" : "false")}}{{managerJson}}}""";
        return new ScimUser(id, Encoding.UTF8.GetBytes(json), null, null, active, manager, "hr.csv", 2);
    }

    /// <summary>Runs the users through a run, returns the staged users in order (and accepts them all, as one request per 50).</summary>
    public List<StagedUser> Run(IEnumerable<ScimUser> users, SyncRunOptions? options = null, bool accept = true)
    {
        SyncRun run = State.BeginRun(options ?? new SyncRunOptions());
        foreach (ScimUser user in users)
        {
            run.Add(user);
        }
        run.Finish();
        List<StagedUser> staged = run.Users().ToList();
        if (accept)
        {
            int index = 0;
            foreach (StagedUser[] chunk in staged.Chunk(50))
            {
                run.RecordResult(++index, chunk.Select(s => s.User.ExternalId).ToArray(), "Accepted", 202, null, null, DateTimeOffset.UtcNow, null);
            }
        }
        LastRun = run;
        return staged;
    }

    public SyncRun? LastRun { get; private set; }

    public void Reopen()
    {
        State.Close();
        State = ProvisioningState.Open(_storage(Path));
    }

    public void Dispose()
    {
        State.Close();
        foreach (string file in Directory.GetFiles(System.IO.Path.GetDirectoryName(Path)!, System.IO.Path.GetFileName(Path) + "*"))
        {
            File.Delete(file);
        }
    }
}
