using System.Text.Json.Nodes;

namespace EntraInboundProvisioning.LocalEndpoint.Processing;

/// <summary>An accepted bulkUpload waiting to be applied, with the request-id of its answer.</summary>
public sealed record PendingUpload(string ServicePrincipalId, string JobId, JsonArray Operations, DateTimeOffset DueAt, string RequestId);
