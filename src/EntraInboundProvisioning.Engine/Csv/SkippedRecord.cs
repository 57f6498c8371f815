namespace EntraInboundProvisioning.Engine.Csv;

/// <summary>
/// A record skipped by <see cref="CsvRecordSkipper"/>: the lines it spans, its field count, whether its quotes closed
/// before the input ended, and whether every closing quote was followed by a delimiter or a line break.
/// </summary>
internal readonly record struct SkippedRecord(long Lines, int Fields, bool Closed, bool WellFormed);
