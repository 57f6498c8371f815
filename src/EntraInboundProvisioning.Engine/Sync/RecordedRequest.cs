namespace EntraInboundProvisioning.Engine.Sync;

/// <summary>A request's outcome as the state recorded it; the externalIds are those whose record changed.</summary>
public sealed record RecordedRequest(long RunId, int Index, string Status, int StatusCode, IReadOnlyList<string> ExternalIds, DateTimeOffset SentAt);
