using System.Diagnostics;
using System.Management.Automation;
using System.Text;
using EntraInboundProvisioning.Adapters;
using EntraInboundProvisioning.Engine.Csv;

namespace EntraInboundProvisioning.Commands;

[Cmdlet(VerbsData.Import, "HrCsv", DefaultParameterSetName = PathSet)]
[OutputType(typeof(HrRow))]
public sealed class ImportHrCsvCommand : CancellableCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    private Encoding? _encoding;
    private long _totalRead;
    private long _totalRejected;
    private int _fileNumber;

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = [];

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
        foreach (string file in ResolveFiles())
        {
            ReadFile(file);
        }
    }

    protected override void EndProcessing()
    {
        if (_fileNumber > 1)
        {
            WriteVerbose($"Import-HrCsv: {_fileNumber} files, {_totalRead} rows read, {_totalRejected} rows rejected.");
        }
    }

    private IEnumerable<string> ResolveFiles()
    {
        if (ParameterSetName == LiteralPathSet)
        {
            foreach (string literal in LiteralPath)
            {
                yield return GetUnresolvedProviderPathFromPSPath(literal);
            }
            yield break;
        }

        foreach (string pattern in Path)
        {
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
            foreach (string file in resolved)
            {
                yield return file;
            }
        }
    }

    private void ReadFile(string file)
    {
        _fileNumber++;
        var reader = new HrCsvReader(file, new HrCsvOptions
        {
            Delimiter = Delimiter,
            Encoding = _encoding,
            Header = Header,
            ReplaceHeaderRow = ReplaceHeader.IsPresent,
            Trim = Trim.IsPresent,
        });
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

                if (sinceProgress.Elapsed >= ProgressInterval)
                {
                    sinceProgress.Restart();
                    progress.PercentComplete = reader.FileLength == 0 ? 0 : (int)(100 * reader.BytesRead / reader.FileLength);
                    progress.StatusDescription = $"{reader.RowsRead} rows read from {System.IO.Path.GetFileName(file)}";
                    WriteProgress(progress);
                }
            }
        }
        catch (CsvFileException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "ImportHrCsv" + ex.Kind, CategoryOf(ex.Kind), file));
        }
        catch (OperationCanceledException)
        {
            throw new PipelineStoppedException();
        }
        finally
        {
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

    private void WriteRowFault(CsvRowFault fault)
    {
        State?.RecordRejectedWithoutId();
        WriteError(new ErrorRecord(new InvalidDataException(fault.Message), "ImportHrCsv" + fault.Kind, ErrorCategory.InvalidData, fault));
    }

    private static ErrorCategory CategoryOf(CsvFileFaultKind kind) => kind switch
    {
        CsvFileFaultKind.FileNotFound => ErrorCategory.ObjectNotFound,
        CsvFileFaultKind.Unreadable => ErrorCategory.ReadError,
        _ => ErrorCategory.InvalidData,
    };
}
