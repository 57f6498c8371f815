namespace EntraInboundProvisioning.Engine.Csv;

/// <summary>What reading one row gave: a record, or a fault that says why there is none.</summary>
public readonly record struct CsvReadResult(HrRecord? Record, CsvRowFault? Fault);
