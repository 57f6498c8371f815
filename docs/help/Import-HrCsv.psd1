@{
    Synopsis    = 'Reads HR exports (CSV files) as a stream of rows whose errors point at the file and line.'
    Description = @'
Import-HrCsv reads one or more delimited text files exported from an HR system of record and writes one object per
data row, as soon as the row is read, so that a file of any size streams through the pipeline. Each row's
properties are its columns in header order; every row also knows its source file and line, which later cmdlets
(ConvertTo-ScimUser and onwards) use to say which line an error comes from.

The files are read as RFC 4180 CSV as real exports write it: quoted fields may contain the delimiter, doubled
quotes and line breaks; lines end with CRLF or LF; the last line may have no line break; quoted header names lose
their quotes. Values are kept exactly as written unless -Trim is given.

A fault that makes a whole file untrustworthy (a missing or empty file, a header with an empty or repeated
name, a header of one column that holds a semicolon, tab or pipe because -Delimiter is not the file's, a UTF-16
file without a byte order mark read as UTF-8) stops the command with a terminating error that says which -Delimiter
or -Encoding to give. A row that cannot be read (too many or too few fields, a quote that is never closed, bytes
that are not valid in the encoding, a record larger than 4 MB) is written as a non-terminating error that names
the file and line, and the rows after it are still read. When more than five rows of a file have the same wrong
number of fields (a trailing delimiter on every row, or unquoted commas in a few addresses), the first five are
errors of their own (ImportHrCsvTooManyFields, ImportHrCsvTooFewFields) and one more error at the end,
ImportHrCsvRowsRejectedAlike, says how many rows that mistake rejected in all and names every one of their lines, as
ranges ("lines 2-1001" for a whole file, "lines 12-14, 480, 902" for a few rows), so no rejected line goes unnamed
however many or few there are. Its TargetObject carries RowCount (all the rows), ReportedOneByOne (the five also
written as errors of their own) and LineNumbers: to count rejected rows, count the row errors and add RowCount minus
ReportedOneByOne for each ImportHrCsvRowsRejectedAlike. When a row has the wrong number of fields and both it and the
header hold a semicolon, tab, pipe or comma more often than the delimiter (a header like Id;Last, First;City read
with the default comma), its error names the -Delimiter to give. A file with a header and no rows gives a warning.
The counts of rows read and rejected are written to the verbose stream.

With -Uri (or a path that starts with https://), the export is read straight from Azure Blob Storage
(https://<account>.blob.core.windows.net/<container>/<name>) or an Azure file share
(https://<account>.file.core.windows.net/<share>/<path>); the national clouds' core.usgovcloudapi.net and
core.chinacloudapi.cn work too. The file is downloaded as it is read, so it never sits whole in memory or on disk;
when the connection drops, the download goes on from the byte where it stopped (a ranged read pinned to the
file's ETag, so a file replaced meanwhile is an error, not a mix of two versions). A URL with a SAS token is used
as it is; otherwise -StorageAccountKey, or else the credential of Connect-EntraProvisioning asks for a storage
token (the identity needs Storage Blob Data Reader, or Storage File Data Privileged Reader on a share). A SAS is a
secret: errors, progress, verbose messages and the rows' source show the URL without its query.

The last segment of a URL may be a pattern with *, or end in / for a whole folder: every match is read, in name
order, or with -Latest only the one modified last. The chosen names are written to the information stream. Only *
is a wildcard in a URL: ? starts the query (the SAS token), so a URL whose query is not a SAS token is refused as a
misplaced wildcard; a ? that is part of a name is written %3F. Blob names are case-sensitive, and so is the whole
pattern on Blob Storage; Azure Files ignores the case of names, and so does the pattern on a share.
'@
    Parameters  = @{
        State          = 'The state of a recurring sync: rows rejected here (before their externalId is known) are counted into the run, and New-ScimBulkRequest -State then disables no leavers this run, with a warning. Without -State, they are counted into every state opened in this session (Open-ProvisioningState).'
        Path        = 'The files to read. Wildcards are expanded; the value may come from the pipeline as a string or from the Path property of an object.'
        LiteralPath = 'The files to read, used exactly as written (no wildcards). Get-ChildItem output binds to this parameter through its PSPath property.'
        Delimiter   = 'The character between fields: a comma (the default), a semicolon, a tab ("`t") or a pipe.'
        Encoding    = 'The encoding of files that have no byte order mark: utf8 (the default), unicode, bigendianunicode, windows-1252 or latin1. A UTF-8 or UTF-16 byte order mark always wins.'
        Header      = 'Column names to use. As with Import-Csv, the first line of the file is then read as data, unless -ReplaceHeader is given.'
        ReplaceHeader = 'With -Header: the file''s own header row is read and replaced by the names of -Header, to rename columns without editing the export.'
        Trim        = 'Removes white space at the start and end of every value.'
        Uri         = 'Blob Storage or Azure Files URLs of exports, with or without a SAS token. The last segment may contain the wildcard * (only the last: a * in a folder is refused; matched case-sensitively on Blob Storage, without regard to case on Azure Files; ? is not a wildcard in a URL, and a ? in a name is written %3F), or the URL may end in / to name a folder. Plain http is accepted only on loopback (Azurite, path-style: http://127.0.0.1:10000/devstoreaccount1/<container>/<blob>). Strings given to -Path (by position or from the pipeline) that start with https:// are read as URLs too.'
        Latest      = 'Of the files that a wildcard or folder matches, reads only the one modified last, as a scheduled run picks the day''s export. Works for -Path wildcards (by last write time) too.'
        StorageAccountKey = 'For URLs without a SAS token: one of the storage account''s access keys, as a SecureString. Without it (and without a SAS), the session''s Connect-EntraProvisioning credential is used.'
    }
    Inputs      = @(
        @{ Type = 'System.String'; Description = 'Paths, by value or by the Path property; strings that start with https:// are read as storage URLs. Objects with a Uri property bind to -Uri.' }
        @{ Type = 'System.IO.FileInfo'; Description = 'Files from Get-ChildItem, by their PSPath property.' }
    )
    Outputs     = @(
        @{ Type = 'EntraInboundProvisioning.Adapters.HrRow'; Description = 'One row of an HR export. Its properties are the columns; GetSourceFile() and GetLineNumber() say where it came from.' }
    )
    Notes       = @'
Rows are not copied into note properties: a row keeps its fields in an array and shows them as properties through a
type adapter, so Where-Object, Select-Object and Export-Csv work while reading stays fast.

Press Ctrl+C to stop reading at once.
'@
    Examples    = @(
        @{
            Code    = 'Import-HrCsv -Path .\Workday-export.csv | Select-Object -First 5'
            Remarks = 'Reads a comma-delimited UTF-8 export and shows its first five rows.'
        }
        @{
            Code    = 'Get-ChildItem .\exports\*.csv | Import-HrCsv -Delimiter ";" -Encoding windows-1252 -Trim'
            Remarks = 'Reads every CSV file in a folder that an older HR system wrote with semicolons in the Windows-1252 encoding, trimming the values.'
        }
        @{
            Code    = 'Import-HrCsv .\legacy.csv -Header WorkerID, FirstName, LastName -ReplaceHeader'
            Remarks = 'Reads an export whose header has other names (such as "Emp #") under the names the mapping uses.'
        }
        @{
            Code    = 'Import-HrCsv .\hr.csv -ErrorVariable rejected -Verbose | Export-Csv .\clean.csv; $rejected | ForEach-Object { $_.Exception.Message }'
            Remarks = 'Writes the rows that could be read to a new file and then lists, with file and line, the rows that could not.'
        }
        @{
            Code    = 'Connect-EntraProvisioning -ManagedIdentity; Import-HrCsv -Uri ''https://contosohr.blob.core.windows.net/exports/workers-*.csv'' -Latest -InformationAction Continue | ConvertTo-ScimUser -Mapping .\AttributeMapping.psd1'
            Remarks = 'In an Azure Automation runbook: signs in with the managed identity (which has Storage Blob Data Reader on the container) and reads the newest export that matches the pattern, saying which one it chose.'
        }
        @{
            Code    = 'Import-HrCsv -Uri "https://contosohr.file.core.windows.net/hr/outbound/workers.csv?$(Get-AutomationVariable -Name HrShareSas)"'
            Remarks = 'Reads an export from an Azure file share with a SAS token kept in an Automation variable; the token appears in no message or row source.'
        }
    )
    Links       = @('ConvertTo-ScimUser', 'New-ScimBulkRequest', 'about_EntraInboundProvisioning')
}
