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
    private readonly HrCsvOptions _options;
    private readonly Func<Stream>? _open;
    private long _fileLength;
    private Stream? _stream;

    public HrCsvReader(string path, HrCsvOptions? options = null)
    {
        _path = path;
        _options = options ?? new HrCsvOptions();
        if (_options.Delimiter > 127 || _options.Delimiter is '"' or '\r' or '\n')
        {
            throw new ArgumentException($"The delimiter '{_options.Delimiter}' cannot separate fields; use a comma, a semicolon, a tab or a pipe.");
        }
    }

    /// <summary>Reads what <paramref name="open"/> gives (called again, from the start, when reading resumes after an unclosed quote); <paramref name="sourceName"/> stands for it in rows and messages.</summary>
    public HrCsvReader(string sourceName, Func<Stream> open, HrCsvOptions? options = null)
        : this(sourceName, options) => _open = open;

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
        if (_open is null && Directory.Exists(_path))
        {
            throw new CsvFileException(CsvFileFaultKind.FileNotFound, _path, 0,
                $"'{_path}' is a folder. Give the files in it, for example: Get-ChildItem '{_path}' -Filter *.csv | Import-HrCsv.");
        }
        if (_open is null && !File.Exists(_path))
        {
            throw new CsvFileException(CsvFileFaultKind.FileNotFound, _path, 0,
                $"The file '{_path}' does not exist. Check the path, or use -LiteralPath if it contains wildcard characters.");
        }

        long skipLines = 0;
        bool readHeader = _options.Header is null || _options.ReplaceHeaderRow;
        while (true)
        {
            long restartAfterLine = -1;
            foreach (CsvReadResult result in ReadFrom(skipLines, readHeader, cancellationToken))
            {
                if (result.Fault is { Kind: CsvRowFaultKind.UnterminatedQuote } fault)
                {
                    restartAfterLine = fault.LineNumber;
                }
                yield return result;
            }
            if (restartAfterLine < 0)
            {
                yield break;
            }
            // The open quote swallowed the rest of the file; read again from the line after the one it opened on.
            skipLines = restartAfterLine;
            readHeader = false;
        }
    }

    private IEnumerable<CsvReadResult> ReadFrom(long skipLines, bool readHeader, CancellationToken cancellationToken)
    {
        var fallback = new FlaggingDecoderFallback();
        Encoding encoding = Encoding.GetEncoding(
            (_options.Encoding ?? new UTF8Encoding(false)).CodePage, EncoderFallback.ReplacementFallback, fallback);

        Stream stream;
        try
        {
            stream = _open?.Invoke() ?? new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CsvFileException(CsvFileFaultKind.Unreadable, _path, 0, $"The file '{_path}' cannot be opened: {ex.Message}", ex);
        }

        using (stream)
        using (var text = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16))
        {
            _stream = stream;
            _fileLength = stream.CanSeek ? stream.Length : 0;
            for (long i = 0; i < skipLines; i++)
            {
                if (text.ReadLine() is null)
                {
                    yield break;
                }
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

            using CsvReader csv = CsvReader.Create(text, csvOptions, leaveOpen: true);
            if (readHeader)
            {
                Columns = ReadHeader(csv, skipLines);
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
            int seenInvalid = 0;

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
                    // A record larger than any real row: an open quote that runs on.
                    more = false;
                    pendingFaults.Enqueue(UnterminatedQuote(skipLines + Math.Max(ex.LineNumber, 1)));
                }

                while (pendingFaults.TryDequeue(out CsvRowFault? fault))
                {
                    RowsRejected++;
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
                int fieldCount = csv.FieldCount;
                if (fieldCount != columns.Count)
                {
                    RowsRejected++;
                    CsvRowFaultKind kind = fieldCount > columns.Count ? CsvRowFaultKind.TooManyFields : CsvRowFaultKind.TooFewFields;
                    string hint = fieldCount > columns.Count
                        ? "Quote values that contain the delimiter, or check -Delimiter."
                        : "Add the missing fields (empty ones are fine) or check -Delimiter.";
                    yield return new CsvReadResult(null, new CsvRowFault(kind, _path, line,
                        $"{_path}:{line}: the row has {fieldCount} fields but the header has {columns.Count}. {hint}"));
                    continue;
                }

                var values = new string[fieldCount];
                bool replaced = false;
                for (int i = 0; i < fieldCount; i++)
                {
                    string value = csv.GetString(i) ?? string.Empty;
                    if (_options.Trim)
                    {
                        value = value.Trim();
                    }
                    replaced |= value.Contains('\uFFFD');
                    values[i] = value;
                }

                if (replaced && fallback.Count > seenInvalid)
                {
                    seenInvalid = fallback.Count;
                    RowsRejected++;
                    string encodingName = _options.Encoding?.WebName ?? "utf-8";
                    yield return new CsvReadResult(null, new CsvRowFault(CsvRowFaultKind.InvalidBytes, _path, line,
                        $"{_path}:{line}: the row has bytes that are not valid {encodingName}. " +
                        "Export the file as UTF-8, or name its encoding with -Encoding (for example windows-1252)."));
                    continue;
                }

                RowsRead++;
                yield return new CsvReadResult(new HrRecord(columns, values, _path, line), null);
            }
        }
    }

    private HrColumnSet ReadHeader(CsvReader csv, long skipLines)
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
        return new HrColumnSet(CheckHeader(names, 1));
    }

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
