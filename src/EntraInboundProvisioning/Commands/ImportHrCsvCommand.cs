using System.Collections.Concurrent;
using System.Diagnostics;
using System.Management.Automation;
using System.Net;
using System.Security;
using System.Text;
using EntraInboundProvisioning.Adapters;
using EntraInboundProvisioning.Connection;
using EntraInboundProvisioning.Engine.Csv;
using EntraInboundProvisioning.Engine.Storage;

namespace EntraInboundProvisioning.Commands;

[Cmdlet(VerbsData.Import, "HrCsv", DefaultParameterSetName = PathSet)]
[OutputType(typeof(HrRow))]
public sealed class ImportHrCsvCommand : CancellableCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";
    private const string UriSet = "Uri";
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    private Encoding? _encoding;
    private long _totalRead;
    private long _totalRejected;
    private int _fileNumber;
    private readonly RepeatedRowFaultSummary _rowFaults = new();
    private readonly ConcurrentQueue<string> _notes = new();

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = [];

    /// <summary>Blob Storage or Azure Files URLs (with a SAS, or read with the session's sign-in); the last segment may have wildcards or be a folder.</summary>
    [Parameter(Mandatory = true, ParameterSetName = UriSet, ValueFromPipelineByPropertyName = true)]
    [Alias("Url")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Uri { get; set; } = [];

    /// <summary>Of the exports a wildcard or folder matches, read only the one changed last.</summary>
    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = UriSet)]
    public SwitchParameter Latest { get; set; }

    /// <summary>For URLs without a SAS: one of the storage account's access keys, instead of the session's sign-in.</summary>
    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = UriSet)]
    public SecureString? StorageAccountKey { get; set; }

    [Parameter(Position = 1)]
    [ValidateNotNull]
    public char Delimiter { get; set; } = ',';

    [Parameter]
    [ArgumentCompleter(typeof(Completion.EncodingNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string Encoding { get; set; } = "utf8";

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Header { get; set; }

    /// <summary>With -Header: the file's own header row is replaced by -Header instead of being read as data.</summary>
    [Parameter]
    public SwitchParameter ReplaceHeader { get; set; }

    [Parameter]
    public SwitchParameter Trim { get; set; }

    /// <summary>Records rejected rows into the state's run: while any are, the run withholds leavers.</summary>
    [Parameter]
    [ValidateNotNull]
    public EntraInboundProvisioning.Engine.Sync.ProvisioningState? State { get; set; }

    protected override void BeginProcessing()
    {
        if (ReplaceHeader && Header is null)
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentException("-ReplaceHeader replaces the file's header row with the names of -Header: give -Header too."),
                "ImportHrCsvHeaderMissing", ErrorCategory.InvalidArgument, null));
        }
        try
        {
            _encoding = HrCsvEncoding.Resolve(Encoding);
        }
        catch (ArgumentException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "ImportHrCsvUnknownEncoding", ErrorCategory.InvalidArgument, Encoding));
        }
    }

    protected override void ProcessRecord()
    {
        foreach (string source in ResolveSources())
        {
            if (ParameterSetName != LiteralPathSet && StorageUri.LooksLikeUri(source))
            {
                ReadUri(source);
            }
            else
            {
                ReadFile(source);
            }
        }
    }

    protected override void EndProcessing()
    {
        foreach (RowsRejectedAlike summary in _rowFaults.Summaries())
        {
            WriteError(new ErrorRecord(new InvalidDataException(summary.Message), "ImportHrCsvRowsRejectedAlike", ErrorCategory.InvalidData, summary));
        }
        if (_fileNumber > 1)
        {
            WriteVerbose($"Import-HrCsv: {_fileNumber} files, {_totalRead} rows read, {_totalRejected} rows rejected.");
        }
    }

    /// <summary>Files, and URLs as they were given, in the order given.</summary>
    private IEnumerable<string> ResolveSources()
    {
        if (ParameterSetName == LiteralPathSet)
        {
            foreach (string literal in LiteralPath)
            {
                yield return GetUnresolvedProviderPathFromPSPath(literal);
            }
            yield break;
        }

        if (ParameterSetName == UriSet)
        {
            foreach (string uri in Uri)
            {
                yield return uri;
            }
            yield break;
        }

        foreach (string pattern in Path)
        {
            if (StorageUri.LooksLikeUri(pattern))
            {
                yield return pattern;
                continue;
            }
            List<string> resolved;
            try
            {
                resolved = [.. GetResolvedProviderPathFromPSPath(pattern, out ProviderInfo provider)];
                if (provider.Name != "FileSystem")
                {
                    ThrowTerminatingError(new ErrorRecord(
                        new ArgumentException($"'{pattern}' is not a file system path; Import-HrCsv reads files."),
                        "ImportHrCsvNotAFile", ErrorCategory.InvalidArgument, pattern));
                }
            }
            catch (ItemNotFoundException ex)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new FileNotFoundException($"No file matches '{pattern}'. Check the path; use -LiteralPath for names that contain [ or ].", ex),
                    "ImportHrCsvFileNotFound", ErrorCategory.ObjectNotFound, pattern));
                yield break;
            }
            if (Latest && resolved.Count > 1)
            {
                resolved = [resolved.MaxBy(File.GetLastWriteTimeUtc)!];
                WriteInformation($"Import-HrCsv: {resolved[0]} is the newest file that matches '{pattern}'.", [InformationTag]);
            }
            foreach (string file in resolved)
            {
                yield return file;
            }
        }
    }

    private const string InformationTag = "Import-HrCsv";

    private HrCsvOptions Options => new()
    {
        Delimiter = Delimiter,
        Encoding = _encoding,
        Header = Header,
        ReplaceHeaderRow = ReplaceHeader.IsPresent,
        Trim = Trim.IsPresent,
    };

    private void ReadFile(string file)
    {
        var reader = new HrCsvReader(file, Options);
        ReadRows(reader, file, System.IO.Path.GetFileName(file),
            () => reader.FileLength == 0 ? 0 : (int)(100 * reader.BytesRead / reader.FileLength));
    }

    private void ReadUri(string text)
    {
        var access = new StorageAccess
        {
            AccountKey = StorageAccountKey is null ? null : new NetworkCredential(string.Empty, StorageAccountKey).Password,
            Connection = ConnectionStore.Current,
            Note = _notes.Enqueue,
        };
        StorageExportStore store;
        IReadOnlyList<StorageExportItem> items;
        try
        {
            store = StorageExportStore.Open(text, access);
            WriteVerbose($"Import-HrCsv: looking for {store.Location.Display} ({store.SignIn}).");
            items = store.Resolve(Latest, CancelToken);
        }
        catch (StorageExportException ex)
        {
            ThrowStorageError(ex);
            return;
        }
        catch (OperationCanceledException ex)
        {
            ThrowCancelled(ex, "ImportHrCsvTimedOut", null);
            return;
        }

        foreach (StorageExportItem item in items)
        {
            string display = store.Location.DisplayOf(item.Path);
            if (store.Location.IsPattern)
            {
                string pattern = store.Location.NamePattern.Length == 0 ? "*" : store.Location.NamePattern;
                WriteInformation(Latest
                    ? $"Import-HrCsv: {display} is the newest export that matches '{pattern}' (last modified {item.LastModified:u})."
                    : $"Import-HrCsv: {display} matches '{pattern}' (last modified {item.LastModified:u}).", [InformationTag]);
            }
            StorageExportStream? download = null;
            var reader = new HrCsvReader(display, () => download = store.OpenRead(item, download?.ETag, CancelToken), Options);
            ReadRows(reader, display, System.IO.Path.GetFileName(item.Path),
                () => download is not { Length: > 0 } d ? 0 : (int)(100 * d.BytesRead / d.Length));
        }
    }

    private void ReadRows(HrCsvReader reader, string file, string shortName, Func<int> percentRead)
    {
        _fileNumber++;
        var progress = new ProgressRecord(1, "Import-HrCsv", $"Reading {file}");
        var sinceProgress = Stopwatch.StartNew();
        progress.PercentComplete = 0;
        WriteProgress(progress);

        try
        {
            foreach (CsvReadResult result in reader.Read(CancelToken))
            {
                if (result.Record is { } record)
                {
                    WriteObject(new HrRow(record));
                }
                else
                {
                    WriteRowFault(result.Fault!);
                }

                WriteNotes();
                if (sinceProgress.Elapsed >= ProgressInterval)
                {
                    sinceProgress.Restart();
                    progress.PercentComplete = percentRead();
                    progress.StatusDescription = $"{reader.RowsRead} rows read from {shortName}";
                    WriteProgress(progress);
                }
            }
        }
        catch (CsvFileException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "ImportHrCsv" + ex.Kind, CategoryOf(ex.Kind), file));
        }
        catch (StorageExportException ex)
        {
            ThrowStorageError(ex);
        }
        catch (OperationCanceledException ex)
        {
            ThrowCancelled(ex, "ImportHrCsvTimedOut", file);
        }
        finally
        {
            WriteNotes();
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
        }

        if (reader.HeaderOnly)
        {
            WriteWarning($"{file} has a header and no data rows; nothing was read from it.");
        }
        _totalRead += reader.RowsRead;
        _totalRejected += reader.RowsRejected;
        WriteVerbose($"Import-HrCsv: {file}: {reader.RowsRead} rows read, {reader.RowsRejected} rows rejected.");
    }

    private void WriteNotes()
    {
        while (_notes.TryDequeue(out string? note))
        {
            WriteVerbose(note);
        }
    }

    private void ThrowStorageError(StorageExportException ex) =>
        ThrowTerminatingError(new ErrorRecord(ex, "ImportHrCsvStorage" + ex.Kind, ex.Kind switch
        {
            StorageFaultKind.NotFound or StorageFaultKind.NoMatch => ErrorCategory.ObjectNotFound,
            StorageFaultKind.Forbidden => ErrorCategory.PermissionDenied,
            StorageFaultKind.NoCredential => ErrorCategory.AuthenticationError,
            StorageFaultKind.InvalidUri or StorageFaultKind.WrongCloud => ErrorCategory.InvalidArgument,
            _ => ErrorCategory.ReadError,
        }, ex.SourceUri));

    private void WriteRowFault(CsvRowFault fault)
    {
        foreach (EntraInboundProvisioning.Engine.Sync.ProvisioningState target in OpenStateRegistry.RecordingTargets(State))
        {
            target.RecordRejectedWithoutId();
        }
        if (_rowFaults.Add(fault))
        {
            WriteRowError(fault);
        }
    }

    private void WriteRowError(CsvRowFault fault) =>
        WriteError(new ErrorRecord(new InvalidDataException(fault.Message), "ImportHrCsv" + fault.Kind, ErrorCategory.InvalidData, fault));

    private static ErrorCategory CategoryOf(CsvFileFaultKind kind) => kind switch
    {
        CsvFileFaultKind.FileNotFound => ErrorCategory.ObjectNotFound,
        CsvFileFaultKind.Unreadable => ErrorCategory.ReadError,
        _ => ErrorCategory.InvalidData,
    };
}
