using System.Buffers;
using System.Text.Json;
using EntraInboundProvisioning.Engine.Scim;

namespace EntraInboundProvisioning.Engine.Batching;

/// <summary>
/// Packs SCIM users into bulk requests of a given size and hands each out as soon as it is full, so that memory
/// holds one request at most, whatever the length of the input.
/// </summary>
public sealed class BulkRequestBuilder
{
    public const int ServiceMaxOperations = 50;

    private readonly int _batchSize;
    private readonly int? _failOnErrors;
    private readonly List<ScimUser> _pending;
    private int _index;

    public BulkRequestBuilder(int batchSize = ServiceMaxOperations, int? failOnErrors = null)
    {
        if (batchSize is < 1 or > ServiceMaxOperations)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize,
                $"A bulk request holds 1 to {ServiceMaxOperations} operations: the bulkUpload API rejects more than {ServiceMaxOperations}.");
        }
        _batchSize = batchSize;
        _failOnErrors = failOnErrors;
        _pending = new List<ScimUser>(batchSize);
    }

    public int RequestsBuilt => _index;

    /// <summary>Adds a user; returns the request it completed, or null.</summary>
    public ScimBulkRequest? Add(ScimUser user)
    {
        _pending.Add(user);
        return _pending.Count == _batchSize ? Build() : null;
    }

    /// <summary>The request of the users added since the last full one, or null when there are none.</summary>
    public ScimBulkRequest? Flush() => _pending.Count > 0 ? Build() : null;

    private ScimBulkRequest Build()
    {
        var buffer = new ArrayBufferWriter<byte>(_pending.Sum(u => u.Utf8Json.Length) + 256 + (_pending.Count * 96));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("schemas");
            writer.WriteStringValue(ScimSchemas.BulkRequestUrn);
            writer.WriteEndArray();
            writer.WriteStartArray("Operations");
            var bulkIds = new HashSet<string>(StringComparer.Ordinal);
            foreach (ScimUser user in _pending)
            {
                string bulkId = BulkIds.FromExternalId(user.ExternalId);
                for (int n = 2; !bulkIds.Add(bulkId); n++)
                {
                    bulkId = $"{BulkIds.FromExternalId(user.ExternalId)}-{n}";
                }
                writer.WriteStartObject();
                writer.WriteString("method", "POST");
                writer.WriteString("bulkId", bulkId);
                writer.WriteString("path", "/Users");
                writer.WritePropertyName("data");
                writer.WriteRawValue(user.Utf8Json, skipInputValidation: true);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            if (_failOnErrors is { } failOnErrors)
            {
                writer.WriteNumber("failOnErrors", failOnErrors);
            }
            else
            {
                writer.WriteNull("failOnErrors");
            }
            writer.WriteEndObject();
        }
        var request = new ScimBulkRequest(++_index, _pending.Select(u => u.ExternalId).ToArray(), _pending.Select(u => u.Source).ToArray(),
            buffer.WrittenSpan.ToArray());
        _pending.Clear();
        return request;
    }
}
