using System.Management.Automation;
using System.Text.RegularExpressions;
using EntraInboundProvisioning.Engine.Batching;
using EntraInboundProvisioning.Engine.Scim;

namespace EntraInboundProvisioning.Commands;

[Cmdlet(VerbsCommon.New, "ScimBulkRequest", SupportsShouldProcess = true)]
[OutputType(typeof(ScimBulkRequest))]
public sealed partial class NewScimBulkRequestCommand : CancellableCmdlet
{
    private BulkRequestBuilder _builder = null!;
    private string? _folder;
    private long _users;

    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public ScimUser InputObject { get; set; } = null!;

    [Parameter(Position = 0)]
    [ValidateBatchSize]
    public int BatchSize { get; set; } = BulkRequestBuilder.ServiceMaxOperations;

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? FailOnErrors { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? OutFolder { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void BeginProcessing()
    {
        _builder = new BulkRequestBuilder(BatchSize, FailOnErrors);
        if (OutFolder is null)
        {
            return;
        }
        _folder = GetUnresolvedProviderPathFromPSPath(OutFolder);
        if (Directory.Exists(_folder) && !Force && Directory.EnumerateFiles(_folder, "bulk-*.json").FirstOrDefault() is { } existing)
        {
            ThrowTerminatingError(new ErrorRecord(
                new IOException($"'{_folder}' already holds bulk request files ({Path.GetFileName(existing)}), which Send-ScimBulkRequest would " +
                    "send with this run's. Use -Force to replace them (the bulk-NNNNN.json files of the earlier run are removed), or choose another folder."),
                "NewScimBulkRequestFileExists", ErrorCategory.ResourceExists, _folder));
        }
        if (ShouldProcess(_folder, "Write bulk request files"))
        {
            Directory.CreateDirectory(_folder);
            RemoveEarlierRequests(_folder);
        }
        else
        {
            _folder = null;
        }
    }

    // The folder must hold only this run's requests: a stale file left there would be sent again with them.
    private void RemoveEarlierRequests(string folder)
    {
        int removed = 0;
        foreach (string file in Directory.EnumerateFiles(folder, "bulk-*.json"))
        {
            if (OwnFileName().IsMatch(Path.GetFileName(file)))
            {
                File.Delete(file);
                removed++;
            }
        }
        if (removed > 0)
        {
            WriteVerbose($"New-ScimBulkRequest: removed {removed} bulk request files of an earlier run from '{folder}'.");
        }
    }

    [GeneratedRegex(@"^bulk-\d{5,}\.json$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OwnFileName();

    protected override void ProcessRecord()
    {
        CancelToken.ThrowIfCancellationRequested();
        _users++;
        if (_builder.Add(InputObject) is { } request)
        {
            Emit(request);
        }
    }

    protected override void EndProcessing()
    {
        if (_builder.Flush() is { } request)
        {
            Emit(request);
        }
        WriteVerbose($"New-ScimBulkRequest: {_users} users in {_builder.RequestsBuilt} requests.");
    }

    private void Emit(ScimBulkRequest request)
    {
        var output = new PSObject(request);
        if (_folder is not null)
        {
            string path = Path.Combine(_folder, $"bulk-{request.Index:D5}.json");
            using (FileStream file = File.Create(path))
            {
                request.WriteTo(file);
            }
            output.Properties.Add(new PSNoteProperty("Path", path));
        }
        WriteObject(output);
    }
}
