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
    private readonly ConcurrentQueue<string> _messages = new();

    protected CancellationToken CancelToken => _cancellation.Token;

    /// <summary>For engine callbacks on any thread: the message is written to the verbose stream by the cmdlet's thread.</summary>
    protected void Post(string message) => _messages.Enqueue(message);

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
        _cancellation.Dispose();
        GC.SuppressFinalize(this);
    }

    private void Drain()
    {
        while (_messages.TryDequeue(out string? message))
        {
            WriteVerbose(message);
        }
    }
}
