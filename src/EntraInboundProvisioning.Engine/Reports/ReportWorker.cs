namespace EntraInboundProvisioning.Engine.Reports;

/// <summary>A worker named in a report as an example: its externalId, the source file and line, and what it is waiting for.</summary>
public sealed record ReportWorker(string ExternalId, string? Source, string? Detail);
