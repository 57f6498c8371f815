namespace EntraInboundProvisioning.Engine.Provisioning;

/// <summary>
/// One call's place in the <see cref="Pacer"/>: it waits for its turn, is sent, and is released when its answer
/// came (or when it was not sent after all), which lets the call <c>maxCalls</c> after it work out its own turn.
/// </summary>
public sealed class PacedCall
{
    private readonly Pacer _pacer;
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private PacedCall? _previous;
    private TimeSpan? _sent;
    private TimeSpan _roundTrip;

    internal PacedCall(Pacer pacer, PacedCall? previous)
    {
        _pacer = pacer;
        _previous = previous;
    }

    /// <summary>Waits until the call may go, and counts it as sent from then.</summary>
    public async Task WaitTurnAsync(Func<TimeSpan, CancellationToken, Task> delay, CancellationToken cancellationToken)
    {
        if (_previous is { } previous)
        {
            await previous._released.Task.WaitAsync(cancellationToken);
            TimeSpan slowerThanUsual = previous._roundTrip - _pacer.ShortestRoundTrip;
            TimeSpan wait = previous._sent.GetValueOrDefault() + _pacer.Spacing + (slowerThanUsual > TimeSpan.Zero ? slowerThanUsual : TimeSpan.Zero) - _pacer.Now;
            // Dropped, so that a long run does not hold a chain of every call it made.
            _previous = null;
            if (wait > TimeSpan.Zero)
            {
                await delay(wait, cancellationToken);
            }
        }
        _sent = _pacer.Now;
    }

    /// <summary>
    /// The answer came, or the call was not made after all: the call this one holds back may work out its turn. Only
    /// an accepted call's round trip tells what is usual: an error or throttling answer may come back much faster.
    /// </summary>
    public void Release(bool usualRoundTrip = true)
    {
        if (_released.Task.IsCompleted)
        {
            return;
        }
        if (_sent is { } sent)
        {
            _roundTrip = _pacer.Now - sent;
            if (usualRoundTrip)
            {
                _pacer.Observe(_roundTrip);
            }
        }
        else
        {
            _sent = _pacer.Now;
        }
        _released.TrySetResult();
    }
}
