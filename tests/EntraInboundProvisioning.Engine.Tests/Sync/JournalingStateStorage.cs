using System.Text;
using EntraInboundProvisioning.Engine.Sync;
using Microsoft.Data.Sqlite;

namespace EntraInboundProvisioning.Engine.Tests.Sync;

/// <summary>A local file that keeps a journal as a blob state does: in <see cref="Lines"/>, replayed on open when given.</summary>
internal sealed class JournalingStateStorage(string path, IEnumerable<string>? replay = null) : StateStorage
{
    public override string Location => path;

    public override string? DatabasePath => path;

    public override bool KeepsJournal => true;

    public List<string> Lines { get; } = [];

    public int Replayed { get; private set; }

    public override void OnOpened(SqliteConnection connection)
    {
        if (replay is not null)
        {
            Replayed = StateJournal.Replay(connection, new MemoryStream(Encoding.UTF8.GetBytes(string.Concat(replay))), path);
        }
    }

    public override void OnRequestRecorded(RecordedRequest request) => Lines.Add(request.JournalLine!);
}
