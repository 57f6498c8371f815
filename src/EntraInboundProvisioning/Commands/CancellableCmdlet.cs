using System.Management.Automation;

namespace EntraInboundProvisioning.Commands;

/// <summary>
/// Gives every engine call a token that Ctrl+C (StopProcessing) cancels.
/// </summary>
public abstract class CancellableCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();

    protected CancellationToken CancelToken => _cancellation.Token;

    protected override void StopProcessing() => _cancellation.Cancel();

    public void Dispose()
    {
        _cancellation.Dispose();
        GC.SuppressFinalize(this);
    }
}
