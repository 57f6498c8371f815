using System.Text;

namespace EntraInboundProvisioning.Engine.Batching;

/// <summary>One SCIM BulkRequest: at most 50 POST /Users operations, as the bulkUpload API takes them.</summary>
public sealed class ScimBulkRequest
{
    private readonly byte[] _utf8Json;

    public ScimBulkRequest(int index, IReadOnlyList<string> externalIds, IReadOnlyList<string?> sources, byte[] utf8Json)
    {
        Index = index;
        ExternalIds = externalIds;
        Sources = sources;
        _utf8Json = utf8Json;
    }

    /// <summary>1 for the first request of a run.</summary>
    public int Index { get; }

    public int Count => ExternalIds.Count;

    /// <summary>
    /// An ordering barrier for the sender: requests of one wave may be in flight together and arrive in any order;
    /// a request of another wave starts only after every request before it has its result. 0 (the default) for
    /// every request keeps only the order in which requests start.
    /// </summary>
    public int Wave { get; internal set; }

    public IReadOnlyList<string> ExternalIds { get; }

    /// <summary>The file and line of each operation's record, in operation order (null where not known).</summary>
    public IReadOnlyList<string?> Sources { get; }

    public int SizeBytes => _utf8Json.Length;

    public ReadOnlyMemory<byte> Utf8Json => _utf8Json;

    public string Json => Encoding.UTF8.GetString(_utf8Json);

    public void WriteTo(Stream stream) => stream.Write(_utf8Json);

    public override string ToString() => $"Bulk request {Index} ({Count} operations)";
}
