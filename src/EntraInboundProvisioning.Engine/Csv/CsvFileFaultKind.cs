namespace EntraInboundProvisioning.Engine.Csv;

public enum CsvFileFaultKind
{
    FileNotFound,
    EmptyFile,
    EmptyHeaderName,
    DuplicateHeaderName,
    Unreadable,
    WrongDelimiter,
    WrongEncoding,
}
