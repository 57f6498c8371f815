using System.Management.Automation;
using EntraInboundProvisioning.Engine.Batching;
using EntraInboundProvisioning.Engine.Scim;

namespace EntraInboundProvisioning.Commands;

[Cmdlet(VerbsCommon.New, "ScimBulkRequest", SupportsShouldProcess = true)]
[OutputType(typeof(ScimBulkRequest))]
public sealed class NewScimBulkRequestCommand : CancellableCmdlet
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
                new IOException($"'{_folder}' already holds bulk request files ({Path.GetFileName(existing)}). Choose an empty folder, or use -Force to overwrite them."),
                "NewScimBulkRequestFileExists", ErrorCategory.ResourceExists, _folder));
        }
        if (ShouldProcess(_folder, "Write bulk request files"))
        {
            Directory.CreateDirectory(_folder);
        }
        else
        {
            _folder = null;
        }
    }

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
