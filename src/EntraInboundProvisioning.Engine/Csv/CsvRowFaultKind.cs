namespace EntraInboundProvisioning.Engine.Csv;

public enum CsvRowFaultKind
{
    TooManyFields,
    TooFewFields,
    UnterminatedQuote,
    InvalidBytes,
    RecordTooLarge,
}
