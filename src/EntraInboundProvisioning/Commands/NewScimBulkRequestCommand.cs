using System.Management.Automation;
using EntraInboundProvisioning.Engine.Batching;
using EntraInboundProvisioning.Engine.Scim;
using EntraInboundProvisioning.Engine.Sync;

namespace EntraInboundProvisioning.Commands;

[Cmdlet(VerbsCommon.New, "ScimBulkRequest", SupportsShouldProcess = true)]
[OutputType(typeof(ScimBulkRequest))]
public sealed partial class NewScimBulkRequestCommand : CancellableCmdlet
{
    private BulkRequestBuilder _builder = null!;
    private string? _folder;
    private long _users;
    private SyncRun? _run;
    private ProvisioningState? _temporary;

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

    /// <summary>The state of a recurring sync: only new, changed and retried workers (and leavers) are sent, managers first.</summary>
    [Parameter]
    [ValidateNotNull]
    public ProvisioningState? State { get; set; }

    [Parameter]
    public SwitchParameter Full { get; set; }

    // A string, not the engine's enum: PowerShell reads parameter types while the module loads, before the engine can be.
    [Parameter]
    [ValidateSet("Ignore", "Disable")]
    public string Leavers { get; set; } = "Ignore";

    [Parameter]
    [ValidateNotNull]
    public string? Scope { get; set; }

    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int? MaxDisables { get; set; }

    [Parameter]
    [ValidateRange(0.0, 100.0)]
    public double MaxDisablesPercent { get; set; } = 5;

    [Parameter]
    public SwitchParameter OverrideDisableGuard { get; set; }

    /// <summary>Without -State: stages the input in a temporary database and sends managers before their reports.</summary>
    [Parameter]
    public SwitchParameter ManagersFirst { get; set; }

    protected override void BeginProcessing()
    {
        _builder = new BulkRequestBuilder(BatchSize, FailOnErrors);
        BeginRun();
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
        // Every bulk-*.json, as the refusal without -Force names them: a renamed one would still be sent with the folder.
        foreach (string file in Directory.EnumerateFiles(folder, "bulk-*.json"))
        {
            File.Delete(file);
            removed++;
        }
        if (removed > 0)
        {
            WriteVerbose($"New-ScimBulkRequest: removed {removed} bulk request files of an earlier run from '{folder}'.");
        }
    }

    protected override void ProcessRecord()
    {
        CancelToken.ThrowIfCancellationRequested();
        _users++;
        if (_run is not null)
        {
            _run.Add(InputObject);
            return;
        }
        if (_builder.Add(InputObject) is { } request)
        {
            Emit(request);
        }
    }

    protected override void EndProcessing()
    {
        try
        {
            if (_run is not null)
            {
                EmitRun(_run);
            }
            if (_builder.Flush() is { } request)
            {
                Emit(request);
            }
            WriteVerbose($"New-ScimBulkRequest: {_users} users in {_builder.RequestsBuilt} requests.");
            if (_run is not null && State is not null)
            {
                _run.Summary.Requests = _builder.RequestsBuilt;
                WriteVerbose($"New-ScimBulkRequest: {_run.Summary}.");
                WriteInformation(_run.Summary, ["ProvisioningRunSummary"]);
            }
        }
        finally
        {
            _temporary?.Close();
        }
    }

    private void BeginRun()
    {
        bool stateOnly = Full || Scope is not null || MaxDisables is not null || OverrideDisableGuard || Leavers != "Ignore" ||
            MyInvocation.BoundParameters.ContainsKey(nameof(MaxDisablesPercent));
        if (State is null && stateOnly)
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentException(
                "-Full, -Leavers, -Scope, -MaxDisables, -MaxDisablesPercent and -OverrideDisableGuard work on a recurring sync's state: give -State (Open-ProvisioningState)."),
                "NewScimBulkRequestStateMissing", ErrorCategory.InvalidArgument, null));
        }
        if (State is not null)
        {
            StateAccess.RequireOpen(this, State, "NewScimBulkRequest");
            bool preview = State.IsTransient || !ShouldProcess(State.Location, "Plan a run and record it in the provisioning state");
            _run = State.BeginRun(new SyncRunOptions
            {
                Scope = Scope ?? "",
                Full = Full,
                Leavers = Enum.Parse<LeaverMode>(Leavers, ignoreCase: true),
                MaxDisables = MaxDisables,
                MaxDisablesPercent = MaxDisablesPercent,
                OverrideDisableGuard = OverrideDisableGuard,
                Preview = preview,
            });
        }
        else if (ManagersFirst)
        {
            _temporary = ProvisioningState.Open(TransientStateStorage.TemporaryFile());
            _run = _temporary.BeginRun(new SyncRunOptions { Full = true, Preview = true });
        }
    }

    private void EmitRun(SyncRun run)
    {
        IReadOnlyList<string> warnings;
        try
        {
            warnings = run.Finish();
        }
        catch (DisableGuardException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "NewScimBulkRequestDisableGuard", ErrorCategory.LimitsExceeded, run.Summary)
            {
                ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = "Check the export and the mapping; if the disables are right, run again with -OverrideDisableGuard or a higher -MaxDisables/-MaxDisablesPercent." },
            });
            return;
        }
        foreach (string warning in warnings)
        {
            WriteWarning(warning);
        }
        // A run that is not recorded (-WhatIf, or -Confirm answered No) hands out no requests: sent, they would
        // change Entra behind the state's back.
        bool preview = State is not null && run.IsPreview;
        bool whatIf = preview && IsWhatIf();
        var batcher = new ManagersFirstBatcher(_builder);
        foreach (StagedUser staged in run.Users())
        {
            CancelToken.ThrowIfCancellationRequested();
            if (whatIf)
            {
                ShouldProcess(staged.User.ExternalId, staged.Action);
            }
            if (!preview && batcher.Add(staged) is { } request)
            {
                Emit(request);
            }
        }
        if (!preview && batcher.Flush() is { } last)
        {
            Emit(last);
        }
        if (preview)
        {
            WriteVerbose("New-ScimBulkRequest: a preview of the run; no requests are handed out and the state is unchanged.");
        }
    }

    private bool IsWhatIf() => MyInvocation.BoundParameters.TryGetValue("WhatIf", out object? value)
        ? value is SwitchParameter { IsPresent: true }
        : GetVariableValue("WhatIfPreference") is bool or SwitchParameter && LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

    private void Emit(ScimBulkRequest request)
    {
        var output = new PSObject(request);
        if (_folder is not null)
        {
            string path = Path.Combine(_folder, BulkRequestFile.FileName(request));
            using (FileStream file = File.Create(path))
            {
                request.WriteTo(file);
            }
            output.Properties.Add(new PSNoteProperty("Path", path));
        }
        WriteObject(output);
    }
}
