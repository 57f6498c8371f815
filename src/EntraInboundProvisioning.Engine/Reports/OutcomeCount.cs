namespace EntraInboundProvisioning.Engine.Reports;

/// <summary>How many workers have this provisioning action and status as their latest log entry.</summary>
public sealed record OutcomeCount(string Action, string Status, long Workers);
