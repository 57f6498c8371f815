using System.Net;
using System.Net.Http.Json;
using EntraInboundProvisioning.LocalEndpoint.Faults;
using static EntraInboundProvisioning.LocalEndpoint.Tests.EndpointHarness;

namespace EntraInboundProvisioning.LocalEndpoint.Tests;

public class FaultTests
{
    [Fact]
    public async Task CallsBeyondTheRateLimitAre429WithRetryAfter()
    {
        await using EndpointHarness harness = await StartAsync(o => { o.Faults.RateLimitCalls = 3; o.Faults.RateLimitWindow = TimeSpan.FromMinutes(1); });
        var statuses = new List<int>();
        for (int i = 0; i < 4; i++)
        {
            statuses.Add((int)(await harness.UploadAsync(Bulk(User($"E{i}")))).StatusCode);
        }
        HttpResponseMessage throttled = await harness.UploadAsync(Bulk(User("E9")));

        Assert.Equal([202, 202, 202, 429], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.InRange(throttled.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
    }

    [Fact]
    public async Task ASpentDailyQuotaIs429UntilMidnight()
    {
        await using EndpointHarness harness = await StartAsync(o => o.Faults.DailyQuota = 2);
        await harness.UploadAsync(Bulk(User("E1")));
        await harness.UploadAsync(Bulk(User("E2")));
        HttpResponseMessage response = await harness.UploadAsync(Bulk(User("E3")));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Contains("daily quota", (string)(await ErrorAsync(response))["message"]!);
        Assert.True(response.Headers.RetryAfter!.Delta!.Value > TimeSpan.Zero);
    }

    [Fact]
    public async Task InjectedFaultsGiveBucketFull503AndDroppedConnections()
    {
        await using EndpointHarness harness = await StartAsync(o => o.Faults.BucketFullRate = 1);
        HttpResponseMessage bucket = await harness.UploadAsync(Bulk(User("E1")));
        Assert.Equal(HttpStatusCode.InternalServerError, bucket.StatusCode);
        Assert.Contains("bucket is full", (string)(await ErrorAsync(bucket))["message"]!);

        await harness.Client.PutAsJsonAsync("/_local/faults", new FaultOptions { UnavailableRate = 1, UnavailableRetryAfterSeconds = 3 });
        HttpResponseMessage unavailable = await harness.UploadAsync(Bulk(User("E1")));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), unavailable.Headers.RetryAfter!.Delta);

        await harness.Client.PutAsJsonAsync("/_local/faults", new FaultOptions { DropRate = 1 });
        await Assert.ThrowsAsync<HttpRequestException>(() => harness.UploadAsync(Bulk(User("E1"))));
        await harness.WaitForProcessingAsync();
        Assert.Empty(await harness.LogsAsync());
    }

    [Fact]
    public async Task ASlowAnswerStillArrives()
    {
        await using EndpointHarness harness = await StartAsync(o => { o.Faults.SlowRate = 1; o.Faults.SlowDelay = TimeSpan.FromMilliseconds(300); });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.Accepted, (await harness.UploadAsync(Bulk(User("E1")))).StatusCode);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task AResetAfterTheBodyIsReadLosesTheAnswerButNotTheUpload()
    {
        await using EndpointHarness harness = await StartAsync(o => o.Faults.ResetRate = 1);
        await Assert.ThrowsAsync<HttpRequestException>(() => harness.UploadAsync(Bulk(User("E1"))));
        await harness.WaitForProcessingAsync();
        Assert.Equal("E1", (string)(await harness.LogsAsync()).Single()!["sourceIdentity"]!["id"]!);
    }

    [Fact]
    public async Task A504ComesAfterTheUploadWasTaken()
    {
        await using EndpointHarness harness = await StartAsync(o => o.Faults.GatewayTimeoutRate = 1);
        HttpResponseMessage response = await harness.UploadAsync(Bulk(User("E1")));
        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        await harness.WaitForProcessingAsync();
        Assert.Single(await harness.LogsAsync());
    }

    [Fact]
    public async Task AHeldAnswerOutlastsTheClientsTimeoutAndTheUploadIsApplied()
    {
        await using EndpointHarness harness = await StartAsync(o => o.Faults.HoldRate = 1);
        using var impatient = new CancellationTokenSource();
        Task<HttpResponseMessage> upload = harness.Client.PostAsync(harness.UploadPath,
            new StringContent(Bulk(User("E1")), System.Text.Encoding.UTF8, "application/scim+json"), impatient.Token);
        for (int i = 0; i < 500 && (await harness.LogsAsync()).Count == 0; i++)
        {
            await Task.Delay(20);
        }

        Assert.False(upload.IsCompleted);
        impatient.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => upload);
        Assert.Single(await harness.LogsAsync());
    }

    [Fact]
    public async Task ALong503RetryAfterIsSentAsConfigured()
    {
        await using EndpointHarness harness = await StartAsync(o => { o.Faults.UnavailableRate = 1; o.Faults.UnavailableRetryAfterSeconds = 7200; });
        HttpResponseMessage response = await harness.UploadAsync(Bulk(User("E1")));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromHours(2), response.Headers.RetryAfter!.Delta);
    }

    [Fact]
    public async Task LatencyDelaysEveryAnswer()
    {
        await using EndpointHarness harness = await StartAsync(o => o.Faults.Latency = TimeSpan.FromMilliseconds(300));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.Accepted, (await harness.UploadAsync(Bulk(User("E1")))).StatusCode);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void TheNewFaultsAreOptionsOfTheCommandLine()
    {
        (LocalEndpointOptions options, _) = CommandLine.Parse(["--reset-rate", "0.1", "--gateway-timeout-rate", "0.2", "--hold-rate", "0.3", "--hold-ms", "5000", "--latency-ms", "400"]);
        Assert.Equal(0.1, options.Faults.ResetRate);
        Assert.Equal(0.2, options.Faults.GatewayTimeoutRate);
        Assert.Equal(0.3, options.Faults.HoldRate);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Faults.HoldDelay);
        Assert.Equal(TimeSpan.FromMilliseconds(400), options.Faults.Latency);
    }

    [Fact]
    public void TheSameSeedGivesTheSameFaults()
    {
        static List<FaultKind> Run(int seed)
        {
            var injector = new FaultInjector(new FaultOptions { Seed = seed, RateLimitCalls = 0, BucketFullRate = 0.2, UnavailableRate = 0.2, DropRate = 0.1 });
            return Enumerable.Range(0, 200).Select(_ => injector.Decide().Kind).ToList();
        }
        Assert.Equal(Run(7), Run(7));
        Assert.NotEqual(Run(7), Run(8));
        Assert.Contains(FaultKind.BucketFull, Run(7));
        Assert.Contains(FaultKind.None, Run(7));
    }
}
