using EntraInboundProvisioning.Engine.Batching;
using EntraInboundProvisioning.Engine.Provisioning;
using EntraInboundProvisioning.Engine.Scim;

namespace EntraInboundProvisioning.Engine.Tests.Provisioning;

public class BulkSenderTests
{
    private static readonly ProvisioningTarget Target = new("sp", "job");

    private static ScimBulkRequest Request(int index = 1) => Request($"E{index}");

    private static ScimBulkRequest Request(string externalId, int wave = 0)
    {
        var builder = new BulkRequestBuilder();
        builder.Add(new ScimUser(externalId, System.Text.Encoding.UTF8.GetBytes($$"""{"externalId":"{{externalId}}"}"""), null, null, null, null, null, 0));
        ScimBulkRequest request = builder.Flush()!;
        return new ScimBulkRequest(request.Index, request.ExternalIds, request.Sources, request.Utf8Json.ToArray()) { Wave = wave };
    }

    private static (BulkSender Sender, List<TimeSpan> Waits) Sender(ScriptedTransport transport, SendPolicy? policy = null)
    {
        var waits = new List<TimeSpan>();
        return (new BulkSender(transport, policy ?? new SendPolicy(), delay: (wait, _) =>
        {
            waits.Add(wait);
            return Task.CompletedTask;
        }), waits);
    }

    [Fact]
    public async Task AnAcceptedRequestIsSentOnceAndKeepsItsLocation()
    {
        var transport = new ScriptedTransport(new UploadAttempt(202, Location: "https://graph/logs", RequestId: "r1"));
        (BulkSender sender, _) = Sender(transport);

        BulkSendResult result = await sender.SendAsync(Request(), Target, default);

        Assert.Equal(SendStatus.Accepted, result.Status);
        Assert.Equal("https://graph/logs", result.Location);
        Assert.Equal(1, result.Attempts);
        Assert.Equal(1, transport.Calls);
        Assert.Equal(1, sender.RequestsAccepted);
        Assert.Null(result.Request);
        Assert.Equal(["E1"], result.ExternalIds);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    public async Task ClientErrorsAreNeverRetriedAndKeepTheServicesMessage(int status)
    {
        var transport = new ScriptedTransport(new UploadAttempt(status, ErrorCode: "BadRequest", ErrorMessage: "the service's words"));
        (BulkSender sender, List<TimeSpan> waits) = Sender(transport);

        BulkSendResult result = await sender.SendAsync(Request(), Target, default);

        Assert.Equal(SendStatus.Failed, result.Status);
        Assert.Equal(status, result.StatusCode);
        Assert.Equal("the service's words", result.ErrorMessage);
        Assert.Equal(["E1"], result.Request!.ExternalIds);
        Assert.Equal(1, transport.Calls);
        Assert.Empty(waits);
    }

    [Fact]
    public async Task ABucketFullAnswerPausesThenSendsAgain()
    {
        var transport = new ScriptedTransport(new UploadAttempt(500, ErrorMessage: "The bucket is full."), new UploadAttempt(202));
        (BulkSender sender, List<TimeSpan> waits) = Sender(transport, new SendPolicy { BucketFullPause = TimeSpan.FromMinutes(4) });

        BulkSendResult result = await sender.SendAsync(Request(), Target, default);

        Assert.Equal(SendStatus.Accepted, result.Status);
        Assert.Equal(2, result.Attempts);
        Assert.Equal([TimeSpan.FromMinutes(4)], waits);
    }

    [Fact]
    public async Task ABucketThatStaysFullFailsAfterTheAllowedPauses()
    {
        var full = new UploadAttempt(500, ErrorMessage: "bucket is full");
        var transport = new ScriptedTransport(full, full, full);
        (BulkSender sender, List<TimeSpan> waits) = Sender(transport, new SendPolicy { BucketFullPauses = 2 });

        BulkSendResult result = await sender.SendAsync(Request(), Target, default);

        Assert.Equal(SendStatus.Failed, result.Status);
        Assert.Equal(3, transport.Calls);
        Assert.Equal(2, waits.Count);
    }

    [Fact]
    public async Task ASpentDailyQuotaStopsTheRunAndEveryLaterRequestIsNotSent()
    {
        var transport = new ScriptedTransport(new UploadAttempt(429, RetryAfter: TimeSpan.FromHours(7), ErrorMessage: "The daily quota is spent"));
        (BulkSender sender, List<TimeSpan> waits) = Sender(transport);

        BulkSendResult stopped = await sender.SendAsync(Request(1), Target, default);
        BulkSendResult after = await sender.SendAsync(Request(2), Target, default);

        Assert.Equal(SendStatus.NotSent, stopped.Status);
        Assert.Equal(SendStatus.NotSent, after.Status);
        Assert.Equal(0, after.Attempts);
        Assert.Equal(["E2"], after.Request!.ExternalIds);
        Assert.Equal(SendStopKind.QuotaExhausted, sender.Stop!.Kind);
        Assert.Equal(TimeSpan.FromHours(7), sender.Stop.RetryAfter);
        Assert.Equal(1, transport.Calls);
        Assert.Empty(waits);
    }

    [Fact]
    public async Task RequestsAfterAStopAreNotSentWithoutWaitingForTheirPacerTurn()
    {
        var transport = new ScriptedTransport(new UploadAttempt(429, RetryAfter: TimeSpan.FromHours(7), ErrorMessage: "The daily quota is spent"));
        (BulkSender sender, List<TimeSpan> waits) = Sender(transport, new SendPolicy { MaxCallsPerWindow = 1 });

        await sender.SendAsync(Request(1), Target, default);
        BulkSendResult after = await sender.SendAsync(Request(2), Target, default);

        Assert.Equal(SendStatus.NotSent, after.Status);
        Assert.Empty(waits);
    }

    [Fact]
    public async Task ARequestWaitingForItsPacerTurnIsNotSentAsSoonAsTheRunStops()
    {
        var transport = new GatedTransport();
        var sender = new BulkSender(transport, new SendPolicy { MaxCallsPerWindow = 2 }, delay: (_, token) => Task.Delay(Timeout.Infinite, token));
        Task<BulkSendResult> first = sender.SendAsync(Request(1), Target, default);
        transport.Answer("E1");
        await first;
        Task<BulkSendResult> stopping = sender.SendAsync(Request(2), Target, default);
        Task<BulkSendResult> waiting = sender.SendAsync(Request(3), Target, default);
        Assert.False(waiting.IsCompleted);

        transport.Answer("E2", new UploadAttempt(429, RetryAfter: TimeSpan.FromHours(7), ErrorMessage: "The daily quota is spent"));

        BulkSendResult result = await waiting.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(SendStatus.NotSent, result.Status);
        Assert.Equal(0, result.Attempts);
        Assert.Equal(SendStatus.NotSent, (await stopping).Status);
        Assert.Equal(SendStopKind.QuotaExhausted, sender.Stop!.Kind);
        Assert.Equal(["E1", "E2"], transport.Order);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task ARetryAfterPastTheCapStopsTheRunInsteadOfWaiting(int status)
    {
        var transport = new ScriptedTransport(new UploadAttempt(status, RetryAfter: TimeSpan.FromHours(2), ErrorMessage: "busy"));
        (BulkSender sender, List<TimeSpan> waits) = Sender(transport, new SendPolicy { MaxRetryAfter = TimeSpan.FromMinutes(1) });

        BulkSendResult result = await sender.SendAsync(Request(), Target, default);

        Assert.Equal(SendStatus.NotSent, result.Status);
        Assert.Equal(SendStopKind.RetryAfterTooLong, sender.Stop!.Kind);
        Assert.Empty(waits);
    }

    [Fact]
    public async Task ARetryCancelledWhileItWaitsForItsPacerTurnIsNotSentAndEachAttemptIsAnnounced()
    {
        // The first attempt was refused (503), so Ctrl+C before the retry's turn proves the service does not have it.
        var transport = new ScriptedTransport(new UploadAttempt(503, RetryAfter: TimeSpan.FromMilliseconds(100), ErrorMessage: "busy"), new UploadAttempt(202));
        using var stop = new CancellationTokenSource();
        var sender = new BulkSender(transport, new SendPolicy { MaxCallsPerWindow = 1, Window = TimeSpan.FromSeconds(30) }, delay: (wait, token) =>
        {
            if (wait > TimeSpan.FromSeconds(10))
            {
                stop.Cancel();
                token.ThrowIfCancellationRequested();
            }
            return Task.CompletedTask;
        });
        int announced = 0;

        BulkSendResult result = await sender.SendAsync(Request(), Target, stop.Token, _ => announced++);

        Assert.Equal(SendStatus.NotSent, result.Status);
        Assert.Equal(1, transport.Calls);
        Assert.Equal(1, announced);
    }

    [Fact]
    public async Task EveryAttemptIsAnnouncedBeforeItsBodyGoesOut()
    {
        var transport = new ScriptedTransport(new UploadAttempt(503, RetryAfter: TimeSpan.FromMilliseconds(100), ErrorMessage: "busy"), new UploadAttempt(202));
        (BulkSender sender, _) = Sender(transport);
        var announcedBeforeCall = new List<int>();

        BulkSendResult result = await sender.SendAsync(Request(), Target, default, _ => announcedBeforeCall.Add(transport.Calls));

        Assert.Equal(SendStatus.Accepted, result.Status);
        Assert.Equal([0, 1], announcedBeforeCall);
    }

    [Fact]
    public async Task AConnectionThatCannotBeMadeIsRetriedWithGrowingWaitsAndOneClientRequestId()
    {
        var refused = new UploadAttempt(0, TransportError: new HttpRequestException("refused"), NeverSent: true);
        var transport = new ScriptedTransport(refused, refused, new UploadAttempt(202));
        (BulkSender sender, List<TimeSpan> waits) = Sender(transport, new SendPolicy { TransientDelay = TimeSpan.FromSeconds(1) });

        BulkSendResult result = await sender.SendAsync(Request(), Target, default);

        Assert.Equal(SendStatus.Accepted, result.Status);
        Assert.Equal(3, result.Attempts);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], waits);
        Assert.Single(transport.ClientRequestIds.Distinct());
        Assert.Equal(transport.ClientRequestIds[0], result.ClientRequestId);
    }

    [Fact]
    public async Task AnUnreachableHostStopsTheRunAfterTheFirstRequestsRetries()
    {
        var refused = new UploadAttempt(0, TransportError: new HttpRequestException("refused"), NeverSent: true);
        var transport = new ScriptedTransport(refused, refused, refused, refused, refused, refused);
        (BulkSender sender, _) = Sender(transport, new SendPolicy { TransientRetries = 2 });

        BulkSendResult first = await sender.SendAsync(Request(1), Target, default);
        BulkSendResult second = await sender.SendAsync(Request(2), Target, default);

        Assert.Equal(SendStatus.NotSent, first.Status);
        Assert.Equal("ConnectionFailed", first.ErrorCode);
        Assert.Equal(SendStatus.NotSent, second.Status);
        Assert.Equal(SendStopKind.Unreachable, sender.Stop!.Kind);
        Assert.Equal(3, transport.Calls);
    }

    [Fact]
    public async Task ATokenThatCannotBeGotStopsTheRunAndNothingIsSentAfterIt()
    {
        var credential = new FailingCredential();
        using ProvisioningConnection connection = ProvisioningConnection.Create(credential, Engine.Identity.CloudEnvironment.Global, new Uri("http://127.0.0.1:9/"), "a managed identity");
        var sender = new BulkSender(new GraphBulkUploadTransport(connection), new SendPolicy(), delay: (_, _) => Task.CompletedTask);

        BulkSendResult first = await sender.SendAsync(Request(1), Target, default);
        BulkSendResult second = await sender.SendAsync(Request(2), Target, default);

        Assert.Equal(SendStatus.NotSent, first.Status);
        Assert.Equal("SignInFailed", first.ErrorCode);
        Assert.Contains("identity endpoint down", first.ErrorMessage);
        Assert.Equal(["E1"], first.Request!.ExternalIds);
        Assert.Equal(SendStatus.NotSent, second.Status);
        Assert.Equal(SendStopKind.SignInFailed, sender.Stop!.Kind);
        Assert.Equal(1, credential.Calls);
    }

    [Fact]
    public async Task AnExceptionTheSenderDoesNotKnowGivesAnUnknownResultInsteadOfLosingIt()
    {
        var transport = new ThrowingTransport(new InvalidOperationException("something new"));
        var sender = new BulkSender(transport, new SendPolicy(), delay: (_, _) => Task.CompletedTask);

        BulkSendResult result = await sender.SendAsync(Request(1), Target, default);

        Assert.Equal(SendStatus.Unknown, result.Status);
        Assert.Equal("something new", result.ErrorMessage);
        Assert.Equal(["E1"], result.Request!.ExternalIds);
        Assert.Equal(1, transport.Calls);
    }

    public static TheoryData<UploadAttempt> AnswersThatNeverCame => new()
    {
        new UploadAttempt(0, TransportError: new TimeoutException("No answer within 100 s.")),
        new UploadAttempt(0, TransportError: new HttpRequestException("The response ended prematurely.")),
        new UploadAttempt(504, ErrorMessage: "gateway timeout"),
    };

    [Theory]
    [MemberData(nameof(AnswersThatNeverCame))]
    public async Task ARequestWhoseBodyWentOutWithoutAnAnswerIsUnknownAndNotSentAgain(UploadAttempt answer)
    {
        var transport = new ScriptedTransport(answer, new UploadAttempt(202));
        (BulkSender sender, List<TimeSpan> waits) = Sender(transport);

        BulkSendResult result = await sender.SendAsync(Request(), Target, default);

        Assert.Equal(SendStatus.Unknown, result.Status);
        Assert.Equal(1, transport.Calls);
        Assert.Equal(["E1"], result.Request!.ExternalIds);
        Assert.Empty(waits);
        Assert.Null(sender.Stop);
    }

    [Theory]
    [InlineData(401, SendStopKind.Unauthorized)]
    [InlineData(403, SendStopKind.Forbidden)]
    [InlineData(404, SendStopKind.JobNotFound)]
    public async Task ARefusalThatHitsEveryRequestStopsTheRun(int status, SendStopKind kind)
    {
        var transport = new ScriptedTransport(new UploadAttempt(status, ErrorMessage: "no"));
        (BulkSender sender, _) = Sender(transport);

        Assert.Equal(SendStatus.Failed, (await sender.SendAsync(Request(1), Target, default)).Status);
        Assert.Equal(SendStatus.NotSent, (await sender.SendAsync(Request(2), Target, default)).Status);
        Assert.Equal(kind, sender.Stop!.Kind);
        Assert.Equal(1, transport.Calls);
    }

    [Fact]
    public async Task ThrottlingIsWaitedOutAsRetryAfterSays()
    {
        var transport = new ScriptedTransport(new UploadAttempt(429, RetryAfter: TimeSpan.FromSeconds(9)), new UploadAttempt(202));
        var warnings = new List<string>();
        var waits = new List<TimeSpan>();
        var sender = new BulkSender(transport, new SendPolicy(), delay: (wait, _) =>
        {
            waits.Add(wait);
            return Task.CompletedTask;
        }, warn: warnings.Add);

        BulkSendResult result = await sender.SendAsync(Request(), Target, default);

        Assert.Equal(SendStatus.Accepted, result.Status);
        Assert.Equal(2, result.Attempts);
        Assert.Equal([TimeSpan.FromSeconds(9)], waits);
        Assert.Empty(warnings);
    }

    [Fact]
    public async Task ALongWaitIsAWarning()
    {
        var transport = new ScriptedTransport(new UploadAttempt(500, ErrorMessage: "The bucket is full."), new UploadAttempt(202));
        var warnings = new List<string>();
        var sender = new BulkSender(transport, new SendPolicy(), delay: (_, _) => Task.CompletedTask, warn: warnings.Add);

        await sender.SendAsync(Request(), Target, default);

        Assert.Contains("bucket is full", Assert.Single(warnings));
    }

    [Fact]
    public async Task ThrottlingThatOutlastsTheRetriesFailsAndKeepsTheRequest()
    {
        var busy = new UploadAttempt(503, RetryAfter: TimeSpan.FromSeconds(1));
        var transport = new ScriptedTransport(busy, busy, busy, busy);
        (BulkSender sender, _) = Sender(transport, new SendPolicy { ThrottleRetries = 2 });

        BulkSendResult result = await sender.SendAsync(Request(), Target, default);

        Assert.Equal(SendStatus.Failed, result.Status);
        Assert.Equal(3, transport.Calls);
        Assert.NotNull(result.Request);
    }

    /// <summary>One call through the pacer whose answer takes the given time (the clock is not moved for its turn).</summary>
    private static async Task CallAsync(Pacer pacer, SteppedClock clock, int roundTripMilliseconds, bool accepted = true)
    {
        PacedCall call = pacer.Reserve();
        await TurnAsync(call);
        clock.Advance(TimeSpan.FromMilliseconds(roundTripMilliseconds));
        call.Release(usualRoundTrip: accepted);
    }

    private static async Task<TimeSpan> TurnAsync(PacedCall call)
    {
        TimeSpan waited = TimeSpan.Zero;
        await call.WaitTurnAsync((wait, _) =>
        {
            waited = wait;
            return Task.CompletedTask;
        }, default);
        return waited;
    }

    [Fact]
    public async Task ThePacerCountsOnAMonotonicClockNotTheWallClock()
    {
        var clock = new SteppedClock();
        var pacer = new Pacer(2, TimeSpan.FromSeconds(5), TimeSpan.Zero, clock);
        foreach (PacedCall call in new[] { pacer.Reserve(), pacer.Reserve() })
        {
            await TurnAsync(call);
            call.Release();
        }
        clock.SetWallClock(clock.GetUtcNow().AddHours(-1));
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(TimeSpan.FromSeconds(4), await TurnAsync(pacer.Reserve()));
    }

    [Fact]
    public async Task ACallSlowedOnItsWayPushesBackTheCallThatFollowsItByAsMuch()
    {
        var clock = new SteppedClock();
        var pacer = new Pacer(1, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(100), clock);

        PacedCall first = pacer.Reserve();
        Assert.Equal(TimeSpan.Zero, await TurnAsync(first));
        clock.Advance(TimeSpan.FromMilliseconds(400));
        first.Release();

        PacedCall second = pacer.Reserve();
        Assert.Equal(TimeSpan.FromMilliseconds(4700), await TurnAsync(second));
        clock.Advance(TimeSpan.FromMilliseconds(4700));
        clock.Advance(TimeSpan.FromMilliseconds(1400));
        second.Release();

        Assert.Equal(TimeSpan.FromMilliseconds(5100 + 1000 - 1400), await TurnAsync(pacer.Reserve()));
    }

    [Fact]
    public async Task AFastErrorAnswerDoesNotMakeLaterCallsLookSlow()
    {
        var clock = new SteppedClock();
        var pacer = new Pacer(1, TimeSpan.FromSeconds(5), TimeSpan.Zero, clock);
        await CallAsync(pacer, clock, 400);
        await CallAsync(pacer, clock, 10, accepted: false);
        await CallAsync(pacer, clock, 400);

        // The third call took as long as usual: the next one goes a window after it, not pushed back by 390 ms.
        Assert.Equal(TimeSpan.FromMilliseconds(410 + 5000 - 810), await TurnAsync(pacer.Reserve()));
    }

    [Fact]
    public async Task TheUsualRoundTripIsTheShortestOfTheRecentCallsNotOfTheWholeRun()
    {
        var clock = new SteppedClock();
        var pacer = new Pacer(1, TimeSpan.FromSeconds(5), TimeSpan.Zero, clock);
        foreach (int milliseconds in new[] { 10 }.Concat(Enumerable.Repeat(400, Pacer.RecentRoundTrips)))
        {
            await CallAsync(pacer, clock, milliseconds);
        }

        Assert.Equal(TimeSpan.FromMilliseconds(400), pacer.ShortestRoundTrip);
    }

    [Fact]
    public async Task ACallThatWasNotMadeLetsTheNextOneGoAWindowAfterItsTurn()
    {
        var clock = new SteppedClock();
        var pacer = new Pacer(1, TimeSpan.FromSeconds(5), TimeSpan.Zero, clock);
        PacedCall first = pacer.Reserve();
        PacedCall second = pacer.Reserve();
        Task<TimeSpan> waiting = TurnAsync(second);
        Assert.False(waiting.IsCompleted);

        first.Release();

        Assert.Equal(TimeSpan.FromSeconds(5), await waiting);
    }

    [Fact]
    public async Task CallsArePacedUnderTheRateLimit()
    {
        var transport = new ScriptedTransport();
        (BulkSender sender, List<TimeSpan> waits) = Sender(transport, new SendPolicy { MaxCallsPerWindow = 3, Window = TimeSpan.FromSeconds(5) });
        for (int i = 1; i <= 4; i++)
        {
            await sender.SendAsync(Request(i), Target, default);
        }
        TimeSpan wait = Assert.Single(waits);
        Assert.InRange(wait.TotalSeconds, 4.9, 5.05);
    }

    [Fact]
    public async Task SeveralRequestsAreInFlightAndTheirResultsComeInInputOrder()
    {
        var transport = new GatedTransport();
        var sender = new BulkSender(transport, new SendPolicy());
        var sends = new InFlightSends(sender, Target, 3, default);
        foreach (string id in new[] { "A", "B", "C" })
        {
            Assert.True(sends.CanStart(Request(id)));
            sends.Start(Request(id));
        }
        Assert.False(sends.CanStart(Request("D")));

        transport.Answer("C");
        transport.Answer("B");
        await Task.Delay(50);
        Assert.False(sends.TryTakeCompleted(out _));
        transport.Answer("A");

        var order = new List<string>();
        while (sends.Count > 0)
        {
            order.Add((await sends.TakeOldest()).ExternalIds[0]);
        }
        Assert.Equal(["A", "B", "C"], order);
        Assert.Equal(["A", "B", "C"], transport.Order);
    }

    [Fact]
    public async Task ARequestOfALaterWaveWaitsForEveryEarlierResult()
    {
        var transport = new GatedTransport();
        var sends = new InFlightSends(new BulkSender(transport, new SendPolicy()), Target, 8, default);
        sends.Start(Request("Manager1", wave: 0));
        sends.Start(Request("Manager2", wave: 0));

        Assert.False(sends.CanStart(Request("Report", wave: 1)));
        transport.Answer("Manager1");
        transport.Answer("Manager2");
        await sends.TakeOldest();
        Assert.False(sends.CanStart(Request("Report", wave: 1)));
        await sends.TakeOldest();
        Assert.True(sends.CanStart(Request("Report", wave: 1)));
    }
}
