using System.Collections.Concurrent;
using EntraInboundProvisioning.Engine.Batching;

namespace EntraInboundProvisioning.Engine.Provisioning;

/// <summary>
/// Sends bulk requests as a careful admin would, several at once under one pacer: waiting out throttling and a full
/// bucket as the service asks, retrying only what provably never reached the service (a connection that could not be
/// made), and never sending again a request whose body went out without an answer (its outcome is Unknown). What ends
/// the run (quota spent, host unreachable, a Retry-After past the cap, 401/403/404) is kept in <see cref="Stop"/>,
/// and every request after it comes back NotSent, so that a run accounts for each request. Safe to call from several
/// tasks at once.
/// </summary>
public sealed class BulkSender
{
    /// <summary>Waits at least this long are said as warnings, not only on the verbose stream.</summary>
    public static readonly TimeSpan LongWait = TimeSpan.FromSeconds(30);

    private readonly IBulkUploadTransport _transport;
    private readonly SendPolicy _policy;
    private readonly TimeProvider _time;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;
    private readonly Action<string>? _log;
    private readonly Action<string>? _warn;
    private readonly Pacer _pacer;
    private readonly ConcurrentDictionary<int, DateTimeOffset> _waits = new();
    private SendStop? _stop;
    private readonly CancellationTokenSource _stopped = new();
    private int _requestsAccepted;
    private int _recordsAccepted;
    private int _waitKeys;

    public BulkSender(IBulkUploadTransport transport, SendPolicy policy, TimeProvider? time = null,
        Func<TimeSpan, CancellationToken, Task>? delay = null, Action<string>? log = null, Action<string>? warn = null)
    {
        _transport = transport;
        _policy = policy;
        _time = time ?? TimeProvider.System;
        _delay = delay ?? ((wait, token) => Task.Delay(wait, _time, token));
        _log = log;
        _warn = warn;
        _pacer = new Pacer(policy.MaxCallsPerWindow, policy.Window, policy.PaceLeeway, _time);
    }

    /// <summary>When the longest wait that the service asked for (Retry-After, a full bucket) ends; null when none is running.</summary>
    public DateTimeOffset? WaitingUntil => _waits.IsEmpty ? null : _waits.Values.DefaultIfEmpty().Max();

    public int RequestsAccepted => Volatile.Read(ref _requestsAccepted);

    public int RecordsAccepted => Volatile.Read(ref _recordsAccepted);

    /// <summary>What stopped the run; null while it goes on.</summary>
    public SendStop? Stop => Volatile.Read(ref _stop);

    /// <param name="onSending">
    /// Called just before each attempt's body goes out (not for a request that is never sent), so that a caller can
    /// record it as in flight first: a kill while its answer is awaited then leaves a record of it, timed by that attempt.
    /// </param>
    public async Task<BulkSendResult> SendAsync(ScimBulkRequest request, ProvisioningTarget target, CancellationToken cancellationToken,
        Action<ScimBulkRequest>? onSending = null)
    {
        DateTimeOffset started = _time.GetUtcNow();
        DateTimeOffset? sentAt = null;
        string clientRequestId = Guid.NewGuid().ToString();
        int attempts = 0;
        int bucketPauses = 0;
        int throttleRetries = 0;
        int connectionRetries = 0;
        UploadAttempt? attempt = null;
        // Reserved before the first await, so that requests take the pacer's places in the order they were started.
        PacedCall turn = _pacer.Reserve();
        while (true)
        {
            try
            {
                // A retry waits for its turn like the first attempt, but every attempt before it was refused, so
                // Ctrl+C meanwhile ends it NotSent rather than Unknown.
                bool myTurn = sentAt is null
                    ? await UnlessStoppedAsync(token => turn.WaitTurnAsync(_delay, token), cancellationToken)
                    : await RetryUnlessStoppedAsync(token => turn.WaitTurnAsync(_delay, token));
                if (!myTurn)
                {
                    return Result(SendStatus.NotSent);
                }
                // Each attempt is announced (and sentAt is its time), so that the logs' lag for a request without an
                // answer counts from the attempt that may have got through, not from one refused minutes before.
                onSending?.Invoke(request);
                sentAt = _time.GetUtcNow();
                attempts++;
                attempt = await _transport.UploadAsync(target, request.Utf8Json, clientRequestId, _policy, cancellationToken);
            }
            catch (Exception ex) when (sentAt is not null)
            {
                // A failure the transport does not know, or a cancellation (Ctrl+C) while the answer is awaited: the body
                // may have gone out, so the outcome is unknown, and the result says so rather than being lost.
                attempt = new UploadAttempt(0, ClientRequestId: clientRequestId, TransportError: ex);
            }
            finally
            {
                turn.Release(usualRoundTrip: attempt is { Accepted: true });
            }

            if (attempt.Accepted)
            {
                Interlocked.Increment(ref _requestsAccepted);
                Interlocked.Add(ref _recordsAccepted, request.Count);
                return Result(SendStatus.Accepted);
            }

            string message = attempt.ErrorMessage ?? attempt.TransportError?.Message ?? $"HTTP {attempt.StatusCode}";
            switch (attempt.StatusCode)
            {
                case 401:
                    return StopWith(SendStopKind.Unauthorized, SendStatus.Failed);
                case 403:
                    return StopWith(SendStopKind.Forbidden, SendStatus.Failed);
                case 404:
                    return StopWith(SendStopKind.JobNotFound, SendStatus.Failed);
                case 429 when message.Contains("quota", StringComparison.OrdinalIgnoreCase):
                    return StopWith(SendStopKind.QuotaExhausted, SendStatus.NotSent);
                case > 0 when attempt.RetryAfter > _policy.MaxRetryAfter:
                    return StopWith(SendStopKind.RetryAfterTooLong, SendStatus.NotSent);
                case 429 or 503 when throttleRetries++ < _policy.ThrottleRetries:
                    TimeSpan wait = attempt.RetryAfter ?? _policy.TransientDelay * Math.Pow(2, throttleRetries - 1);
                    Say(wait, $"Request {request.Index}: HTTP {attempt.StatusCode} ({message}); waiting {Seconds(wait)} as the service asked ({throttleRetries} of {_policy.ThrottleRetries}).");
                    if (!await RetryUnlessStoppedAsync(token => WaitAsServiceAsked(wait, token)))
                    {
                        return Result(SendStatus.NotSent);
                    }
                    turn = _pacer.Reserve();
                    continue;
                case 500 when message.Contains("bucket is full", StringComparison.OrdinalIgnoreCase):
                    if (bucketPauses++ < _policy.BucketFullPauses)
                    {
                        Say(_policy.BucketFullPause, $"Request {request.Index}: the service's bucket is full; pausing {Seconds(_policy.BucketFullPause)} ({bucketPauses} of {_policy.BucketFullPauses}).");
                        if (!await RetryUnlessStoppedAsync(token => WaitAsServiceAsked(_policy.BucketFullPause, token)))
                        {
                            return Result(SendStatus.NotSent);
                        }
                        turn = _pacer.Reserve();
                        continue;
                    }
                    return Result(SendStatus.Failed);
                case 502 or 504:
                    return Result(SendStatus.Unknown);
            }
            if (attempt.TransportError is null)
            {
                return Result(SendStatus.Failed);
            }
            if (attempt.TransportError is SignInFailedException)
            {
                return StopWith(SendStopKind.SignInFailed, SendStatus.NotSent);
            }
            if (!attempt.NeverSent)
            {
                return Result(SendStatus.Unknown);
            }
            if (connectionRetries++ >= _policy.TransientRetries)
            {
                return StopWith(SendStopKind.Unreachable, SendStatus.NotSent);
            }
            TimeSpan delay = _policy.TransientDelay * Math.Pow(2, connectionRetries - 1);
            _log?.Invoke($"Request {request.Index}: the connection could not be made ({message}); trying again in {Seconds(delay)} ({connectionRetries} of {_policy.TransientRetries}).");
            if (!await RetryUnlessStoppedAsync(token => _delay(delay, token)))
            {
                return Result(SendStatus.NotSent);
            }
            turn = _pacer.Reserve();
        }

        // Every attempt so far was refused or never connected, so a request cancelled while it waits to try again was
        // provably not taken: NotSent, not an escaping cancellation that would leave its in-flight record standing.
        async Task<bool> RetryUnlessStoppedAsync(Func<CancellationToken, Task> wait)
        {
            try
            {
                return await UnlessStoppedAsync(wait, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return false;
            }
        }

        BulkSendResult StopWith(SendStopKind kind, SendStatus status)
        {
            string why = attempt!.ErrorMessage ?? attempt.TransportError?.Message ?? $"HTTP {attempt.StatusCode}";
            if (Interlocked.CompareExchange(ref _stop, new SendStop(kind, why, request.Index, attempt.RetryAfter), null) is null)
            {
                _stopped.Cancel();
            }
            return Result(status);
        }

        // Only an accepted result lets go of its request: the others may be sent again once their cause is dealt with.
        BulkSendResult Result(SendStatus status)
        {
            (string? code, string? text) = attempt is null
                ? ("NotSent", $"Not sent: the run had stopped at request {Stop!.RequestIndex} ({Stop.Message}).")
                : (attempt.ErrorCode ?? (attempt.TransportError switch
                {
                    null => null,
                    SignInFailedException => "SignInFailed",
                    _ => attempt.NeverSent ? "ConnectionFailed" : "NoAnswer",
                }),
                    attempt.ErrorMessage ?? attempt.TransportError?.Message);
            return new BulkSendResult(request.Index, request.ExternalIds, status == SendStatus.Accepted ? null : request, status,
                attempt?.StatusCode ?? 0, attempt?.Location, attempt?.RequestId, clientRequestId, sentAt ?? started,
                _time.GetUtcNow() - started, attempts, code, text, target);
        }
    }

    /// <summary>
    /// Waits (for a pacer turn, or before a retry) unless the run stops meanwhile: false when it stopped, so that a
    /// request that will not be sent does not wait for anything.
    /// </summary>
    private async Task<bool> UnlessStoppedAsync(Func<CancellationToken, Task> wait, CancellationToken cancellationToken)
    {
        if (Stop is not null)
        {
            return false;
        }
        using var stopOrCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopped.Token);
        try
        {
            await wait(stopOrCancel.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && Stop is not null)
        {
            return false;
        }
        return Stop is null;
    }

    private async Task WaitAsServiceAsked(TimeSpan wait, CancellationToken cancellationToken)
    {
        int key = Interlocked.Increment(ref _waitKeys);
        _waits[key] = _time.GetUtcNow() + wait;
        try
        {
            await _delay(wait, cancellationToken);
        }
        finally
        {
            _waits.TryRemove(key, out _);
        }
    }

    private void Say(TimeSpan wait, string message)
    {
        if (wait >= LongWait)
        {
            _warn?.Invoke(message);
        }
        else
        {
            _log?.Invoke(message);
        }
    }

    private static string Seconds(TimeSpan wait) => $"{wait.TotalSeconds:0.##} s";
}
