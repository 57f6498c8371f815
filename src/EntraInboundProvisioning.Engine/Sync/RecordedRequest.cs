namespace EntraInboundProvisioning.Engine.Sync;

/// <summary>A request's outcome as the state recorded it; the externalIds are those whose record changed.</summary>
public sealed record RecordedRequest(long RunId, int Index, string Status, int StatusCode, IReadOnlyList<string> ExternalIds, DateTimeOffset SentAt)
{
    /// <summary>The request's line of the <see cref="StateJournal"/>, for a storage that keeps one; null otherwise.</summary>
    public string? JournalLine { get; init; }
}
