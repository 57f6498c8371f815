using EntraInboundProvisioning.Engine.Batching;

namespace EntraInboundProvisioning.Engine.Provisioning;

/// <summary>
/// Sends bulk requests as a careful admin would: paced under the service's rate limit, waiting out throttling
/// (Retry-After) and a full bucket, retrying dropped connections and other server faults a few times, never
/// retrying 400, 401, 403 or 404, and never sending a request again once it was accepted. A spent daily quota stops
/// the run with <see cref="QuotaExhaustedException"/>.
/// </summary>
public sealed class BulkSender
{
    private readonly IBulkUploadTransport _transport;
    private readonly SendPolicy _policy;
    private readonly TimeProvider _time;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;
    private readonly Action<string>? _log;
    private readonly Pacer _pacer;

    public BulkSender(IBulkUploadTransport transport, SendPolicy policy, TimeProvider? time = null,
        Func<TimeSpan, CancellationToken, Task>? delay = null, Action<string>? log = null)
    {
        _transport = transport;
        _policy = policy;
        _time = time ?? TimeProvider.System;
        Func<TimeSpan, CancellationToken, Task> pause = delay ?? ((wait, token) => Task.Delay(wait, _time, token));
        _delay = async (wait, token) =>
        {
            WaitingUntil = _time.GetUtcNow() + wait;
            try
            {
                await pause(wait, token);
            }
            finally
            {
                WaitingUntil = null;
            }
        };
        _log = log;
        _pacer = new Pacer(policy.MaxCallsPerWindow, policy.Window, _time);
    }

    /// <summary>When the pause or wait that the sender is in now ends; null when it is not waiting.</summary>
    public DateTimeOffset? WaitingUntil { get; private set; }

    public int RequestsAccepted { get; private set; }

    public int RecordsAccepted { get; private set; }

    public async Task<BulkSendResult> SendAsync(ScimBulkRequest request, ProvisioningTarget target, CancellationToken cancellationToken)
    {
        DateTimeOffset started = _time.GetUtcNow();
        int attempts = 0;
        int bucketPauses = 0;
        int transientRetries = 0;
        while (true)
        {
            TimeSpan pace = _pacer.Reserve();
            if (pace > TimeSpan.Zero)
            {
                await _delay(pace, cancellationToken);
            }
            attempts++;
            UploadAttempt attempt = await _transport.UploadAsync(target, request.Utf8Json, _policy, cancellationToken);
            attempts += attempt.MiddlewareRetries;

            if (attempt.Accepted)
            {
                RequestsAccepted++;
                RecordsAccepted += request.Count;
                return Result(SendStatus.Accepted, attempt);
            }

            string message = attempt.ErrorMessage ?? attempt.TransportError?.Message ?? $"HTTP {attempt.StatusCode}";
            if (attempt.StatusCode == 429 && (attempt.RetryAfter > _policy.MaxRetryAfter || message.Contains("quota", StringComparison.OrdinalIgnoreCase)))
            {
                throw new QuotaExhaustedException(message, attempt.RetryAfter);
            }
            if (attempt.StatusCode is 400 or 401 or 403 or 404 or 409 or 413)
            {
                return Result(SendStatus.Failed, attempt);
            }
            if (attempt.StatusCode == 500 && message.Contains("bucket is full", StringComparison.OrdinalIgnoreCase))
            {
                if (bucketPauses++ < _policy.BucketFullPauses)
                {
                    _log?.Invoke($"Request {request.Index}: the service's bucket is full; pausing {_policy.BucketFullPause} ({bucketPauses} of {_policy.BucketFullPauses}).");
                    await _delay(_policy.BucketFullPause, cancellationToken);
                    continue;
                }
                return Result(SendStatus.Failed, attempt);
            }
            if (attempt.TransportError is not null || attempt.StatusCode is 429 or >= 500)
            {
                if (transientRetries++ < _policy.TransientRetries)
                {
                    TimeSpan wait = attempt.RetryAfter ?? _policy.TransientDelay * Math.Pow(2, transientRetries - 1);
                    _log?.Invoke($"Request {request.Index}: {Describe(attempt, message)}; trying again in {wait.TotalSeconds:0.#} s ({transientRetries} of {_policy.TransientRetries}).");
                    await _delay(wait, cancellationToken);
                    continue;
                }
            }
            return Result(SendStatus.Failed, attempt);
        }

        BulkSendResult Result(SendStatus status, UploadAttempt attempt) => new(request.Index, request.ExternalIds,
            status == SendStatus.Failed ? request : null, status, attempt.StatusCode, attempt.Location,
            attempt.RequestId, attempt.ClientRequestId, started, _time.GetUtcNow() - started, attempts,
            attempt.ErrorCode ?? (attempt.TransportError is not null ? "ConnectionFailed" : null),
            attempt.ErrorMessage ?? attempt.TransportError?.Message, target);
    }

    private static string Describe(UploadAttempt attempt, string message) =>
        attempt.TransportError is not null ? $"the connection failed ({message})" : $"HTTP {attempt.StatusCode} ({message})";
}
