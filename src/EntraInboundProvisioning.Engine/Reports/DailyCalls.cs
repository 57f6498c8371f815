namespace EntraInboundProvisioning.Engine.Reports;

/// <summary>The bulkUpload calls this job's recorded requests made on one UTC day.</summary>
public sealed record DailyCalls(DateOnly Day, long Calls, long Workers);
