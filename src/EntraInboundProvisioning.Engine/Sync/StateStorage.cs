using Microsoft.Data.Sqlite;

namespace EntraInboundProvisioning.Engine.Sync;

/// <summary>
/// Where a state lives. SQLite always works on a local file; a storage that keeps the state elsewhere (a blob) brings
/// that file here when it opens, hears of each request the service accepted (to journal it at once), and puts the file
/// back when the state closes.
/// </summary>
public abstract class StateStorage
{
    /// <summary>What the user named: a path, or later a URL.</summary>
    public abstract string Location { get; }

    /// <summary>The local SQLite file; null for a state held in memory only.</summary>
    public abstract string? DatabasePath { get; }

    /// <summary>Whether <see cref="OnRequestRecorded"/> needs the request's <see cref="RecordedRequest.JournalLine"/>.</summary>
    public virtual bool KeepsJournal => false;

    /// <summary>Called once the file is open and at this release's schema, before anything else writes to it.</summary>
    public virtual void OnOpened(SqliteConnection connection)
    {
    }

    /// <summary>Called when the state could not be opened, to let go of what <see cref="DatabasePath"/> needed.</summary>
    public virtual void OnOpenFailed()
    {
    }

    /// <summary>Called after a request's outcome is committed to the local file.</summary>
    public virtual void OnRequestRecorded(RecordedRequest request)
    {
    }

    /// <summary>
    /// Writes a file beside the state, named as the state with <paramref name="extension"/> in place of its own (a report
    /// beside hr-sync.db is hr-sync.report.html), where the state is kept and with its sign-in; returns where it went.
    /// </summary>
    public virtual string WriteBeside(string extension, byte[] content, string contentType) =>
        throw new InvalidOperationException($"The state '{Location}' is not kept anywhere: nothing can be written beside it. Give a path instead.");

    /// <summary>The name of a file beside the state whose own name is <paramref name="stateName"/>.</summary>
    protected static string NameBeside(string stateName, string extension) => Path.GetFileNameWithoutExtension(stateName) + extension;

    /// <summary>Called once the local file is closed, checkpointed and consistent.</summary>
    public virtual void OnClosed()
    {
    }
}
