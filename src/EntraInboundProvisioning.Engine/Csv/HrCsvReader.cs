using System.Text;
using CsvHelper;

namespace EntraInboundProvisioning.Engine.Csv;

/// <summary>
/// Streams the rows of one HR export. Rows that cannot be read become faults and reading goes on;
/// faults that make the whole file untrustworthy throw <see cref="CsvFileException"/>.
/// </summary>
public sealed class HrCsvReader
{
    private const int MaxRecordBytes = 4 * 1024 * 1024;

    private readonly string _path;
    private readonly Func<Stream> _open;
    private readonly bool _isFile;
    private readonly HrCsvOptions _options;
    private long _fileLength;
    private Stream? _stream;
    private long _restartAfterLine;
    private bool _restartAtOversizedRecord;
    private (char Delimiter, int Count, string Advice)? _likelyDelimiter;

    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    public HrCsvReader(string path, HrCsvOptions? options = null)
        : this(path, () => OpenFile(path), options)
    {
        _isFile = true;
    }

    /// <summary>
    /// Reads the stream that <paramref name="open"/> returns, named <paramref name="sourceName"/> in messages. A row
    /// that cannot be read can make the reader start again further on, so <paramref name="open"/> may be called again
    /// and must return the same content from its start each time.
    /// </summary>
    public HrCsvReader(string sourceName, Func<Stream> open, HrCsvOptions? options = null)
    {
        _path = sourceName;
        _open = open;
        _options = options ?? new HrCsvOptions();
        if (_options.Delimiter > 127 || _options.Delimiter is '"' or '\r' or '\n')
        {
            throw new ArgumentException($"The delimiter '{_options.Delimiter}' cannot separate fields; use a comma, a semicolon, a tab or a pipe.");
        }
    }

    public string Path => _path;

    public HrColumnSet? Columns { get; private set; }

    public long RowsRead { get; private set; }

    public long RowsRejected { get; private set; }

    /// <summary>The file had a header and no data rows.</summary>
    public bool HeaderOnly => Columns is not null && RowsRead == 0 && RowsRejected == 0 && (_options.Header is null || _options.ReplaceHeaderRow);

    public long BytesRead => _stream is { } s && s.CanSeek ? Math.Min(s.Position, _fileLength) : 0;

    public long FileLength => _fileLength;

    public IEnumerable<CsvReadResult> Read(CancellationToken cancellationToken = default)
    {
        if (_isFile && Directory.Exists(_path))
        {
            throw new CsvFileException(CsvFileFaultKind.FileNotFound, _path, 0,
                $"'{_path}' is a folder. Give the files in it, for example: Get-ChildItem '{_path}' -Filter *.csv | Import-HrCsv.");
        }
        if (_isFile && !File.Exists(_path))
        {
            throw new CsvFileException(CsvFileFaultKind.FileNotFound, _path, 0,
                $"The file '{_path}' does not exist. Check the path, or use -LiteralPath if it contains wildcard characters.");
        }

        long skipLines = 0;
        bool readHeader = _options.Header is null || _options.ReplaceHeaderRow;
        bool atOversizedRecord = false;
        while (true)
        {
            _restartAfterLine = -1;
            foreach (CsvReadResult result in ReadFrom(skipLines, readHeader, atOversizedRecord, cancellationToken))
            {
                yield return result;
            }
            if (_restartAfterLine < 0)
            {
                yield break;
            }
            // An open quote swallowed the rest of the file, or a record was too large to hold: read again from the
            // line after the one the quote opened on, or from the start of the large record to pass over it.
            skipLines = _restartAfterLine;
            atOversizedRecord = _restartAtOversizedRecord;
            readHeader = false;
        }
    }

    private Utf8SourceStream Decode(Stream stream)
    {
        try
        {
            return new Utf8SourceStream(stream, _options.Encoding);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private static FileStream OpenFile(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan);

    private IEnumerable<CsvReadResult> ReadFrom(long skipLines, bool readHeader, bool atOversizedRecord, CancellationToken cancellationToken)
    {
        Stream stream;
        try
        {
            stream = _open();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CsvFileException(CsvFileFaultKind.Unreadable, _path, 0, $"The file '{_path}' cannot be opened: {ex.Message}", ex);
        }

        using Utf8SourceStream source = Decode(stream);
        _stream = stream;
        _fileLength = stream.CanSeek ? stream.Length : 0;
        if (skipLines == 0 && source.Utf16WithoutBom is { } utf16)
        {
            string name = utf16.CodePage == Encoding.BigEndianUnicode.CodePage ? "BigEndianUnicode" : "Unicode";
            throw new CsvFileException(CsvFileFaultKind.WrongEncoding, _path, 0,
                $"The file '{_path}' looks like UTF-16 without a byte order mark (a NUL in every other byte), not {source.EncodingName}. " +
                $"Read it with -Encoding {name}, or export it as UTF-8.");
        }
        if (!CsvRecordSkipper.SkipLines(source, skipLines))
        {
            yield break;
        }
        if (atOversizedRecord)
        {
            SkippedRecord skipped = CsvRecordSkipper.SkipRecord(source, _options.Delimiter);
            long startLine = skipLines + 1;
            if (!skipped.Closed || !skipped.WellFormed)
            {
                // Not a large field but an open quote that runs on to the end, or closes where no field ends.
                RowsRejected++;
                yield return new CsvReadResult(null, UnterminatedQuote(startLine));
                _restartAfterLine = startLine;
                _restartAtOversizedRecord = false;
                yield break;
            }
            RowsRejected++;
            yield return new CsvReadResult(null, new CsvRowFault(CsvRowFaultKind.RecordTooLarge, _path, startLine,
                $"{_path}:{startLine}: record too large: the record that starts on this row spans {skipped.Lines} lines and is larger " +
                $"than {MaxRecordBytes / (1024 * 1024)} MB, more than any HR row needs" +
                (skipped.Fields != Columns!.Count ? $", and it has {skipped.Fields} fields where the header has {Columns.Count}" : "") +
                ". Shorten its long values; reading goes on after it."));
            skipLines += skipped.Lines;
        }

        var pendingFaults = new Queue<CsvRowFault>();
        long unterminatedLine = -1;
        var csvOptions = new CsvReaderOptions
        {
            Separator = _options.Delimiter,
            HasHeader = readHeader,
            AllowLineBreaksInQuotes = true,
            SkipEmptyLines = true,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MissingField = CsvMissingFieldHandling.ReturnEmpty,
            MaxRecordSize = MaxRecordBytes,
            TrimWhitespace = false,
            DetectSeparatorHint = false,
            OnMalformedRecord = m => OnMalformed(m, skipLines, pendingFaults, ref unterminatedLine),
        };

        long csvStart = source.Offset;
        Queue<long> invalidOffsets = source.InvalidOffsets;
        using CsvReader csv = CsvReader.Create(source, csvOptions, leaveOpen: true);
        if (readHeader)
        {
            Columns = ReadHeader(csv, skipLines, source);
            _likelyDelimiter = LikelyDelimiter(csv.Headers);
            if (_options.Header is { } replacement)
            {
                Columns = new HrColumnSet(CheckHeader(replacement, 1));
            }
        }
        else
        {
            Columns ??= new HrColumnSet(CheckHeader(_options.Header!, skipLines + 1));
        }
        HrColumnSet columns = Columns;

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            bool more;
            try
            {
                more = csv.Read();
            }
            catch (CsvFormatException ex)
            {
                // A record larger than the buffer may grow to: a large field, or an open quote that runs on.
                more = false;
                _restartAfterLine = skipLines + Math.Max(ex.LineNumber, 1) - 1;
                _restartAtOversizedRecord = true;
            }

            while (pendingFaults.TryDequeue(out CsvRowFault? fault))
            {
                RowsRejected++;
                _restartAfterLine = fault.LineNumber;
                _restartAtOversizedRecord = false;
                yield return new CsvReadResult(null, fault);
            }
            if (!more)
            {
                yield break;
            }

            long line = skipLines + csv.LineNumber;
            if (line == unterminatedLine)
            {
                continue;
            }
            if (invalidOffsets.Count > 0 && ClaimInvalidBytes(invalidOffsets, csvStart + csv.ByteOffset, csv.RawRecord.Length))
            {
                RowsRejected++;
                yield return new CsvReadResult(null, new CsvRowFault(CsvRowFaultKind.InvalidBytes, _path, line,
                    $"{_path}:{line}: the row has bytes that are not valid {source.EncodingName}. " +
                    "Export the file as UTF-8, or name its encoding with -Encoding (for example windows-1252)."));
                continue;
            }
            int fieldCount = csv.FieldCount;
            if (fieldCount != columns.Count)
            {
                RowsRejected++;
                CsvRowFaultKind kind = fieldCount > columns.Count ? CsvRowFaultKind.TooManyFields : CsvRowFaultKind.TooFewFields;
                string hint = fieldCount > columns.Count
                    ? "Quote values that contain the delimiter, or check -Delimiter."
                    : "Add the missing fields (empty ones are fine) or check -Delimiter.";
                if (_likelyDelimiter is { } likely && csv.RawRecord.Count((byte)likely.Delimiter) == likely.Count)
                {
                    hint += likely.Advice;
                }
                yield return new CsvReadResult(null, new CsvRowFault(kind, _path, line,
                    $"{_path}:{line}: the row has {fieldCount} fields but the header has {columns.Count}. {hint}"));
                continue;
            }

            var values = new string[fieldCount];
            for (int i = 0; i < fieldCount; i++)
            {
                string value = csv.GetString(i) ?? string.Empty;
                values[i] = _options.Trim ? value.Trim() : value;
            }

            RowsRead++;
            yield return new CsvReadResult(new HrRecord(columns, values, _path, line), null);
        }
    }

    // Takes the invalid bytes up to the end of the record from the queue; true when any of them is inside it.
    private static bool ClaimInvalidBytes(Queue<long> invalidOffsets, long recordStart, int recordLength)
    {
        bool inRecord = false;
        while (invalidOffsets.TryPeek(out long offset) && offset < recordStart + recordLength)
        {
            invalidOffsets.Dequeue();
            inRecord |= offset >= recordStart;
        }
        return inRecord;
    }

    private HrColumnSet ReadHeader(CsvReader csv, long skipLines, Utf8SourceStream source)
    {
        IReadOnlyList<string> names;
        try
        {
            names = csv.Headers;
        }
        catch (CsvFormatException ex)
        {
            throw new CsvFileException(CsvFileFaultKind.Unreadable, _path, skipLines + Math.Max(ex.LineNumber, 1),
                $"{_path}:{Math.Max(ex.LineNumber, 1)}: the header row cannot be read ({ex.Message}). Fix its quoting.", ex);
        }
        if (names.Count == 0 || (names.Count == 1 && string.IsNullOrWhiteSpace(names[0])))
        {
            throw new CsvFileException(CsvFileFaultKind.EmptyFile, _path, 0,
                $"The file '{_path}' is empty: it has no header row. Export it again with a header, or give the column names with -Header.");
        }
        if (names.Count == 1)
        {
            CheckDelimiter(names[0]);
        }
        if (source.InvalidOffsets.Count > 0 && names.Any(n => n.Contains('\u001A') || n.Contains('\uFFFD')))
        {
            throw new CsvFileException(CsvFileFaultKind.WrongEncoding, _path, 1,
                $"{_path}:1: the header has bytes that are not valid {source.EncodingName}, so no column name with them would match. " +
                "Export the file as UTF-8, or name its encoding with -Encoding (for example windows-1252).");
        }
        return new HrColumnSet(CheckHeader(names, 1));
    }

    // A header of one column that holds another common delimiter is a file read with the wrong one: say so once,
    // rather than once per row.
    private void CheckDelimiter(string onlyName)
    {
        foreach ((char other, string name, string argument) in OtherDelimiters)
        {
            if (other != _options.Delimiter && onlyName.Contains(other))
            {
                string shown = onlyName.Length > 60 ? onlyName[..60] + "..." : onlyName;
                throw new CsvFileException(CsvFileFaultKind.WrongDelimiter, _path, 1,
                    $"{_path}:1: the header is one column, '{shown.Replace("\t", "`t")}', that contains a {name}: the file looks " +
                    $"{name}-separated and was read with '{DelimiterText(_options.Delimiter)}'. Read it with -Delimiter {argument}.");
            }
        }
    }

    private static readonly (char Delimiter, string Name, string Argument)[] OtherDelimiters =
        [(';', "semicolon", "';'"), ('\t', "tab", "\"`t\""), ('|', "pipe", "'|'"), (',', "comma", "','")];

    // A header of several columns can still be read with the wrong delimiter (Id;Last, First;City read with ','): when
    // it holds another common delimiter more often than its own, each row whose field count is wrong and that holds
    // that other delimiter as often as the header says which -Delimiter to give.
    private (char Delimiter, int Count, string Advice)? LikelyDelimiter(IReadOnlyList<string> names)
    {
        string header = string.Join(_options.Delimiter, names);
        foreach ((char other, string name, string argument) in OtherDelimiters)
        {
            int count = header.AsSpan().Count(other);
            if (other != _options.Delimiter && count > names.Count - 1)
            {
                return (other, count, $" The header and this row each hold {count} {name}s and fewer '{DelimiterText(_options.Delimiter)}': " +
                    $"the file looks {name}-separated. Read it with -Delimiter {argument}.");
            }
        }
        return null;
    }

    private static string DelimiterText(char delimiter) => delimiter == '\t' ? "`t" : delimiter.ToString();

    private IReadOnlyList<string> CheckHeader(IReadOnlyList<string> names, long line)
    {
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < names.Count; i++)
        {
            string name = names[i];
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new CsvFileException(CsvFileFaultKind.EmptyHeaderName, _path, line,
                    $"{_path}:{line}: column {i + 1} of the header has no name. Name it in the file, or give all names with -Header.");
            }
            if (seen.TryGetValue(name, out int first))
            {
                throw new CsvFileException(CsvFileFaultKind.DuplicateHeaderName, _path, line,
                    $"{_path}:{line}: the header names '{name}' twice (columns {first + 1} and {i + 1}; names are matched " +
                    "without regard to case). Rename one in the file, or give unique names with -Header.");
            }
            seen.Add(name, i);
        }
        return names;
    }

    // Stray quotes and text after a closing quote are kept as written, as Import-Csv does; only an open quote
    // that never closes loses data, so only it is a fault (the swallowed record is dropped and the rest re-read).
    private void OnMalformed(CsvMalformedRecord malformed, long skipLines, Queue<CsvRowFault> faults, ref long unterminatedLine)
    {
        if (malformed.Reason is CsvMalformedReason.UnterminatedQuote or CsvMalformedReason.LineBreakInQuotes)
        {
            unterminatedLine = skipLines + Math.Max(malformed.LineNumber, 1);
            faults.Enqueue(UnterminatedQuote(unterminatedLine));
        }
    }

    private CsvRowFault UnterminatedQuote(long line) => new(CsvRowFaultKind.UnterminatedQuote, _path, line,
        $"{_path}:{line}: a quoted field that starts on this row is never closed. Close the quote (a quote inside a " +
        "quoted value is written twice: \"\"); reading goes on at the next line.");
}
