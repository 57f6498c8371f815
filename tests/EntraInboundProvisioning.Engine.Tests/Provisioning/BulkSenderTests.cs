using EntraInboundProvisioning.Engine.Batching;
using EntraInboundProvisioning.Engine.Provisioning;
using EntraInboundProvisioning.Engine.Scim;

namespace EntraInboundProvisioning.Engine.Tests.Provisioning;

public class BulkSenderTests
{
    private static readonly ProvisioningTarget Target = new("sp", "job");

    private static ScimBulkRequest Request(int index = 1)
    {
        var builder = new BulkRequestBuilder();
        builder.Add(new ScimUser($"E{index}", "{}"u8.ToArray(), null, null, null, null, null, 0));
        return builder.Flush()!;
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
    public async Task ASpentDailyQuotaStopsTheRun()
    {
        var transport = new ScriptedTransport(new UploadAttempt(429, RetryAfter: TimeSpan.FromHours(7), ErrorMessage: "Too many requests"));
        (BulkSender sender, _) = Sender(transport);

        var ex = await Assert.ThrowsAsync<QuotaExhaustedException>(() => sender.SendAsync(Request(), Target, default));
        Assert.Equal(TimeSpan.FromHours(7), ex.RetryAfter);
        Assert.Equal(1, transport.Calls);
    }

    [Fact]
    public async Task ADroppedConnectionIsRetriedWithGrowingWaits()
    {
        var dropped = new UploadAttempt(0, TransportError: new HttpRequestException("reset"));
        var transport = new ScriptedTransport(dropped, dropped, new UploadAttempt(202));
        (BulkSender sender, List<TimeSpan> waits) = Sender(transport, new SendPolicy { TransientDelay = TimeSpan.FromSeconds(1) });

        BulkSendResult result = await sender.SendAsync(Request(), Target, default);

        Assert.Equal(SendStatus.Accepted, result.Status);
        Assert.Equal(3, result.Attempts);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], waits);
    }

    [Fact]
    public async Task ThrottlingThatOutlastsTheHandlerIsWaitedOutWithRetryAfter()
    {
        var transport = new ScriptedTransport(new UploadAttempt(429, RetryAfter: TimeSpan.FromSeconds(9), MiddlewareRetries: 5), new UploadAttempt(202));
        (BulkSender sender, List<TimeSpan> waits) = Sender(transport);

        BulkSendResult result = await sender.SendAsync(Request(), Target, default);

        Assert.Equal(SendStatus.Accepted, result.Status);
        Assert.Equal(7, result.Attempts);
        Assert.Equal([TimeSpan.FromSeconds(9)], waits);
    }

    [Fact]
    public async Task TransientFailuresGiveUpAfterTheRetries()
    {
        var error = new UploadAttempt(502, ErrorMessage: "bad gateway");
        var transport = new ScriptedTransport(error, error, error, error, error);
        (BulkSender sender, _) = Sender(transport, new SendPolicy { TransientRetries = 2 });

        BulkSendResult result = await sender.SendAsync(Request(), Target, default);

        Assert.Equal(SendStatus.Failed, result.Status);
        Assert.Equal(3, transport.Calls);
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
        Assert.InRange(wait.TotalSeconds, 5, 5.5);
    }
}
