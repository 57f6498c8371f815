namespace EntraInboundProvisioning.Engine.Logs;

/// <summary>How many log entries had an action and a status, as CSV2SCIM's cycle statistics show.</summary>
public sealed record ProvisioningLogSummary(string Action, string Status, int Count);
