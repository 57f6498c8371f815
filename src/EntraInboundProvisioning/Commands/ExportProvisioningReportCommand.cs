using System.Management.Automation;
using EntraInboundProvisioning.Engine.Reports;
using EntraInboundProvisioning.Engine.Storage;
using EntraInboundProvisioning.Engine.Sync;

namespace EntraInboundProvisioning.Commands;

/// <summary>Writes a state's last run, outcomes, failures and last runs as one self-contained HTML page.</summary>
[Cmdlet(VerbsData.Export, "ProvisioningReport", SupportsShouldProcess = true, DefaultParameterSetName = PathSet)]
[OutputType(typeof(ProvisioningReport))]
public sealed class ExportProvisioningReportCommand : PSCmdlet
{
    private const string PathSet = "Path";
    private const string BesideStateSet = "BesideState";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public ProvisioningState State { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 1, ParameterSetName = PathSet)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = null!;

    /// <summary>Writes the page beside the state: a file in its folder, or a blob in its container with the state's sign-in.</summary>
    [Parameter(Mandatory = true, ParameterSetName = BesideStateSet)]
    public SwitchParameter BesideState { get; set; }

    [Parameter]
    [ValidateRange(1, 1000)]
    public int Runs { get; set; } = 30;

    [Parameter]
    [ValidateRange(1, 1_000_000)]
    public int DailyQuota { get; set; } = ProvisioningReportBuilder.DefaultDailyQuota;

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        StateAccess.RequireOpen(this, State, "ExportProvisioningReport");
        if (BesideState)
        {
            WriteBesideState();
            return;
        }
        string path = GetUnresolvedProviderPathFromPSPath(Path);
        if (System.IO.Path.GetDirectoryName(path) is { Length: > 0 } folder && !Directory.Exists(folder))
        {
            ThrowTerminatingError(new ErrorRecord(new DirectoryNotFoundException(
                $"The folder of the report '{path}' does not exist. Create it first, or name a file in a folder that exists."),
                "ExportProvisioningReportFolderNotFound", ErrorCategory.ObjectNotFound, path));
        }
        ProvisioningReport report = ProvisioningReportBuilder.Build(State, Runs, DailyQuota);
        if (ShouldProcess(path, "Write the provisioning report"))
        {
            try
            {
                HtmlReportWriter.Write(report, path);
                WriteVerbose($"Export-ProvisioningReport: wrote {path} ({report.Runs.Count} runs).");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                ThrowTerminatingError(new ErrorRecord(new IOException(
                    $"The report could not be written to '{path}': {ex.Message} Name a file you may write, that no other program holds open.", ex),
                    "ExportProvisioningReportWriteFailed", ErrorCategory.WriteError, path));
            }
        }
        if (PassThru)
        {
            WriteObject(report);
        }
    }

    private void WriteBesideState()
    {
        ProvisioningReport report = ProvisioningReportBuilder.Build(State, Runs, DailyQuota);
        if (ShouldProcess($"beside {State.Location}", "Write the provisioning report"))
        {
            try
            {
                string written = HtmlReportWriter.WriteBeside(report, State);
                WriteInformation($"Export-ProvisioningReport: wrote {written} ({report.Runs.Count} runs).", ["Export-ProvisioningReport"]);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or StorageExportException or InvalidOperationException)
            {
                ThrowTerminatingError(new ErrorRecord(new IOException(
                    $"The report could not be written beside the state '{State.Location}': {ex.Message}"),
                    "ExportProvisioningReportWriteFailed", ErrorCategory.WriteError, State.Location));
            }
        }
        if (PassThru)
        {
            WriteObject(report);
        }
    }
}
