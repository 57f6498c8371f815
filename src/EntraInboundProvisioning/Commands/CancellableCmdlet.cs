using System.Collections.Concurrent;
using System.Management.Automation;

namespace EntraInboundProvisioning.Commands;

/// <summary>
/// Gives every engine call a token that Ctrl+C (StopProcessing) cancels, and waits for async engine work on the
/// cmdlet's thread, writing the messages the engine posts meanwhile (only this thread may write to the pipeline).
/// </summary>
public abstract class CancellableCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly ConcurrentQueue<(bool Warning, string Text)> _messages = new();

    protected CancellationToken CancelToken => _cancellation.Token;

    /// <summary>For engine callbacks on any thread: the message is written to the verbose stream by the cmdlet's thread.</summary>
    protected void Post(string message) => _messages.Enqueue((false, message));

    /// <summary>As <see cref="Post"/>, to the warning stream: for what a user must see (a long wait).</summary>
    protected void PostWarning(string message) => _messages.Enqueue((true, message));

    /// <summary>
    /// Ctrl+C stops the pipeline; any other cancellation (an HTTP client's timeout) is an error that says so, not a
    /// silent stop that a script or a runbook would take for success.
    /// </summary>
    internal void ThrowCancelled(OperationCanceledException ex, string errorId, object? target)
    {
        if (CancelToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        ThrowTerminatingError(new ErrorRecord(new TimeoutException($"The operation timed out, not stopped by the user: {ex.Message} Try again; " +
            "if it keeps happening, check the network to the service.", ex), errorId, ErrorCategory.OperationTimeout, target));
    }

    protected T Await<T>(Task<T> task)
    {
        // WhenAny does not throw, so the engine's own exception comes out of GetResult, not an AggregateException.
        while (!Task.WhenAny(task, Task.Delay(200)).GetAwaiter().GetResult().Equals(task))
        {
            Drain();
            OnWaiting();
        }
        Drain();
        return task.GetAwaiter().GetResult();
    }

    protected void Await(Task task) => Await(task.ContinueWith(t =>
    {
        t.GetAwaiter().GetResult();
        return true;
    }, TaskScheduler.Default));

    /// <summary>Called on the cmdlet's thread about five times a second while engine work is awaited, to show progress.</summary>
    protected virtual void OnWaiting()
    {
    }

    protected override void StopProcessing() => _cancellation.Cancel();

    public void Dispose()
    {
        // Work still in flight when the pipeline ends early (a terminating error downstream) stops too.
        _cancellation.Cancel();
        _cancellation.Dispose();
        GC.SuppressFinalize(this);
    }

    private void Drain()
    {
        while (_messages.TryDequeue(out (bool Warning, string Text) message))
        {
            if (message.Warning)
            {
                WriteWarning(message.Text);
            }
            else
            {
                WriteVerbose(message.Text);
            }
        }
    }
}
