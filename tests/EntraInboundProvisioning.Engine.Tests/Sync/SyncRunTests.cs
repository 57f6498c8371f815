using EntraInboundProvisioning.Engine.Batching;
using EntraInboundProvisioning.Engine.Logs;
using EntraInboundProvisioning.Engine.Provisioning;
using EntraInboundProvisioning.Engine.Scim;
using EntraInboundProvisioning.Engine.Sync;
using EntraInboundProvisioning.Engine.Tests.Provisioning;
using Microsoft.Data.Sqlite;

namespace EntraInboundProvisioning.Engine.Tests.Sync;

public class SyncRunTests
{
    internal static IEnumerable<ScimUser> Workers(int count, string prefix = "W") =>
        Enumerable.Range(1, count).Select(i => StateFixture.User($"{prefix}{i}"));

    internal static string[] Ids(IEnumerable<StagedUser> staged) => staged.Select(s => s.User.ExternalId).ToArray();

    [Fact]
    public void SendsOnlyWhatIsNewOrChanged()
    {
        using var fixture = new StateFixture();
        Assert.Equal(100, fixture.Run(Workers(100)).Count);
        Assert.Empty(fixture.Run(Workers(100)));

        List<ScimUser> day3 = Workers(100).Select(u => u.ExternalId is "W7" or "W8" ? StateFixture.User(u.ExternalId, title: "Lead") : u).ToList();
        day3.Add(StateFixture.User("W101"));
        List<StagedUser> staged = fixture.Run(day3);

        Assert.Equal(["W7", "W8", "W101"], Ids(staged));
        SyncRunSummary summary = fixture.LastRun!.Summary;
        Assert.Equal((98, 1, 2), (summary.Unchanged, summary.New, summary.Changed));
        Assert.Equal(new Dictionary<string, long> { ["title"] = 2 }, summary.ChangedAttributes);
    }

    [Fact]
    public void FullSendsEveryoneAndANotAcceptedRequestIsSentAgain()
    {
        using var fixture = new StateFixture();
        fixture.Run(Workers(3), accept: false);
        Assert.Equal(3, fixture.Run(Workers(3)).Count);
        Assert.Equal(3, fixture.Run(Workers(3), new SyncRunOptions { Full = true }).Count);
        Assert.Equal(3, fixture.LastRun!.Summary.Refreshed);
    }

    [Fact]
    public void LeaversAreDisabledWithTheirLastAttributesOnlyWithinTheScope()
    {
        using var fixture = new StateFixture();
        fixture.Run(Workers(40), new SyncRunOptions { Scope = "employees" });
        fixture.Run(Workers(10, "C"), new SyncRunOptions { Scope = "contractors" });

        List<StagedUser> staged = fixture.Run(Workers(38), new SyncRunOptions { Scope = "employees", Leavers = LeaverMode.Disable, MaxDisablesPercent = 10 });

        Assert.Equal(["W39", "W40"], Ids(staged));
        Assert.All(staged, s => Assert.True(s.Kind == StagedKind.Leaver && s.Disable && s.User.Active == false));
        Assert.Contains("\"title\":\"Clerk\"", staged[0].User.Json);
        Assert.Contains("\"active\":false", staged[0].User.Json);
        Assert.Empty(fixture.Run(Workers(38), new SyncRunOptions { Scope = "employees", Leavers = LeaverMode.Disable }));
        Assert.Empty(fixture.Run(Workers(10, "C"), new SyncRunOptions { Scope = "contractors", Leavers = LeaverMode.Disable }));
    }

    [Fact]
    public void TheGuardCountsLeaversAndDeactivationsAndStopsBeforeAnythingIsHandedOut()
    {
        using var fixture = new StateFixture();
        fixture.Run(Workers(100));

        var half = Assert.Throws<DisableGuardException>(() => fixture.Run(Workers(50), new SyncRunOptions { Leavers = LeaverMode.Disable }));
        Assert.Equal(50, half.Disables);
        Assert.Contains("W51", half.Message);
        Assert.Contains("-OverrideDisableGuard", half.Message);

        var inactive = Assert.Throws<DisableGuardException>(() =>
            fixture.Run(Workers(100).Select(u => StateFixture.User(u.ExternalId, active: false))));
        Assert.Equal(100, inactive.Disables);

        Assert.Throws<DisableGuardException>(() => fixture.Run(Workers(96), new SyncRunOptions { Leavers = LeaverMode.Disable, MaxDisables = 3 }));
        Assert.Equal(4, fixture.Run(Workers(96), new SyncRunOptions { Leavers = LeaverMode.Disable, MaxDisables = 4 }).Count);
        Assert.Equal(96, fixture.State.GetTotals().Active);
    }

    [Fact]
    public void OverridingTheGuardSendsTheDisables()
    {
        using var fixture = new StateFixture();
        fixture.Run(Workers(10));
        Assert.Equal(5, fixture.Run(Workers(5), new SyncRunOptions { Leavers = LeaverMode.Disable, OverrideDisableGuard = true }).Count);
    }

    [Fact]
    public void RejectedRowsAreNeverLeaversAndUnknownRowsWithholdLeavers()
    {
        using var fixture = new StateFixture();
        fixture.Run(Workers(100));
        fixture.State.RecordRejected("W100");
        List<StagedUser> staged = fixture.Run(Workers(98), new SyncRunOptions { Leavers = LeaverMode.Disable });
        Assert.Equal(["W99"], Ids(staged));

        fixture.State.RecordRejectedWithoutId();
        Assert.Empty(fixture.Run(Workers(97), new SyncRunOptions { Leavers = LeaverMode.Disable }));
        Assert.True(fixture.LastRun!.Summary.LeaversWithheld);
    }

    [Fact]
    public void ManagersComeBeforeTheirReportsAndCyclesAreBroken()
    {
        using var fixture = new StateFixture();
        ScimUser[] users =
        [
            StateFixture.User("E", manager: "D"), StateFixture.User("D", manager: "B"), StateFixture.User("B", manager: "A"),
            StateFixture.User("A", manager: "OUTSIDE"), StateFixture.User("X", manager: "Y"), StateFixture.User("Y", manager: "Z"),
            StateFixture.User("Z", manager: "X"), StateFixture.User("R", manager: "Z"),
        ];
        List<StagedUser> staged = fixture.Run(users);
        string[] order = Ids(staged);

        foreach (ScimUser user in users.Where(u => u.ManagerId is not null && u.ExternalId != "X"))
        {
            if (Array.IndexOf(order, user.ManagerId) is var manager && manager >= 0)
            {
                Assert.True(manager < Array.IndexOf(order, user.ExternalId), $"{user.ManagerId} must come before {user.ExternalId}: {string.Join(",", order)}");
            }
        }
        Assert.Equal(["X -> Y -> Z -> X"], fixture.LastRun!.Summary.ManagerCycles);
    }

    [Fact]
    public void AWorkerSentBeforeItsManagerWasKnownIsSentAgainOnceItIs()
    {
        using var fixture = new StateFixture();
        fixture.Run([StateFixture.User("R", manager: "M")]);
        Assert.False(fixture.State.GetWorker("R")!.ManagerResolved);

        List<StagedUser> staged = fixture.Run([StateFixture.User("R", manager: "M"), StateFixture.User("M")]);

        Assert.Equal(["M", "R"], Ids(staged));
        Assert.Equal(StagedKind.ManagerResolved, staged[1].Kind);
        Assert.True(fixture.State.GetWorker("R")!.ManagerResolved);
        Assert.Empty(fixture.Run([StateFixture.User("R", manager: "M"), StateFixture.User("M")]));
    }

    [Fact]
    public void AWorkerWhoseManagerIsNowKnownIsSentWithThisRunsRowNotTheStoredOne()
    {
        using var fixture = new StateFixture();
        fixture.Run([StateFixture.User("R", manager: "M")]);
        ScimUser stored = StateFixture.User("R", manager: "M");
        // The same meaning (the same hash), but this run's JSON: keys in another order, from another line of another file.
        string json = System.Text.Encoding.UTF8.GetString(stored.Utf8Json);
        byte[] reordered = System.Text.Encoding.UTF8.GetBytes("{\"title\":\"Clerk\"," + json[1..].Replace("\"title\":\"Clerk\",", ""));
        var today = new ScimUser("R", reordered, null, null, true, "M", "today.csv", 7);

        List<StagedUser> staged = fixture.Run([today, StateFixture.User("M")]);

        Assert.Equal(["M", "R"], Ids(staged));
        Assert.Equal(StagedKind.ManagerResolved, staged[1].Kind);
        Assert.Equal(reordered, staged[1].User.Utf8Json.ToArray());
        Assert.Equal(("today.csv", 7L), (staged[1].User.SourceFile, staged[1].User.LineNumber));
        Assert.Equal("today.csv:7", fixture.State.GetWorker("R")!.Source);
    }

    [Fact]
    public void AFailureInTheLogsIsRetriedAndAnUnansweredRequestWaitsForTheLogs()
    {
        using var fixture = new StateFixture();
        fixture.Run(Workers(2));
        using (LogRecorder recorder = fixture.State.BeginLogRead())
        {
            recorder.Record(Entry("W1", "failure", DateTimeOffset.UtcNow.AddSeconds(1)));
            recorder.Complete(DateTimeOffset.UtcNow);
        }
        Assert.Equal("failure", fixture.State.GetWorker("W1")!.Outcome);
        Assert.Equal(["W1"], Ids(fixture.Run(Workers(2))));

        SyncRun run = fixture.State.BeginRun(new SyncRunOptions());
        run.Add(StateFixture.User("N1"));
        run.Finish();
        _ = run.Users().ToList();
        run.RecordResult(1, ["N1"], "Unknown", 0, null, null, DateTimeOffset.UtcNow, "no answer");
        Assert.NotNull(fixture.State.GetWorker("N1")!.PendingSince);
        Assert.Empty(fixture.Run([.. Workers(2), StateFixture.User("N1")], accept: false));
        Assert.Equal((1L, 1L), (fixture.LastRun!.Summary.Pending, fixture.LastRun.Summary.UnknownRequests));
        Assert.Contains("1 pending (1 unanswered requests waiting for the logs)", fixture.LastRun.Summary.ToString());
        Assert.Equal(["N1"], Ids(fixture.Run([.. Workers(2), StateFixture.User("N1")], new SyncRunOptions { UnknownSettleLag = TimeSpan.Zero }, accept: false)));

        using (LogRecorder recorder = fixture.State.BeginLogRead())
        {
            recorder.Record(Entry("N1", "success", DateTimeOffset.UtcNow.AddSeconds(1)));
            recorder.Complete(DateTimeOffset.UtcNow);
        }
        Assert.Null(fixture.State.GetWorker("N1")!.PendingSince);
        Assert.Empty(fixture.Run([.. Workers(2), StateFixture.User("N1")], new SyncRunOptions { UnknownSettleLag = TimeSpan.Zero }));
    }

    [Fact]
    public async Task EachResultIsRecordedAsItsAnswerArrivesNotBehindASlowerRequest()
    {
        using var fixture = new StateFixture();
        (SyncRun run, List<ScimBulkRequest> requests) = ThreeRequests(fixture);
        var transport = new GatedTransport();
        using var recorded = new SemaphoreSlim(0);
        var sends = new InFlightSends(new BulkSender(transport, new SendPolicy()), new ProvisioningTarget("sp", "job"), 3, default, result =>
        {
            run.RecordResult(result);
            recorded.Release();
        });
        requests.ForEach(sends.Start);

        transport.Answer("W3");
        transport.Answer("W2");
        Assert.True(await recorded.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(await recorded.WaitAsync(TimeSpan.FromSeconds(30)));

        // W1's answer has not come: a kill now must not lose W2's and W3's.
        Assert.False(sends.TryTakeCompleted(out _));
        Assert.Equal(["W2", "W3"], new[] { "W1", "W2", "W3" }.Where(id => fixture.State.GetWorker(id) is not null));
        transport.Answer("W1");
        Assert.Equal(1, (await sends.TakeOldest()).Index);
        Assert.NotNull(fixture.State.GetWorker("W1"));
        Assert.Equal(3, fixture.State.RunRecords(1)[0].RequestsAccepted);
    }

    /// <summary>A run of three workers, one per request.</summary>
    private static (SyncRun Run, List<ScimBulkRequest> Requests) ThreeRequests(StateFixture fixture)
    {
        SyncRun run = fixture.State.BeginRun(new SyncRunOptions());
        foreach (ScimUser user in Workers(3))
        {
            run.Add(user);
        }
        run.Finish();
        var batcher = new ManagersFirstBatcher(new BulkRequestBuilder(batchSize: 1));
        return (run, run.Users().Select(user => batcher.Add(user)!).ToList());
    }

    /// <summary>Three requests sent through the transport with the state's write-ahead.</summary>
    private static (SyncRun Run, InFlightSends Sends, List<ScimBulkRequest> Requests) WriteAheadSends(StateFixture fixture,
        IBulkUploadTransport transport, CancellationToken cancellationToken, Action<string>? log = null)
    {
        (SyncRun run, List<ScimBulkRequest> requests) = ThreeRequests(fixture);
        var sends = new InFlightSends(new BulkSender(transport, new SendPolicy(), log: log, warn: log), new ProvisioningTarget("sp", "job"), 3, cancellationToken,
            run.RecordResult, run.RecordSending);
        return (run, sends, requests);
    }

    private static long Count(StateFixture fixture, string sql) => Convert.ToInt64(fixture.State.Scalar(sql));

    [Fact]
    public async Task ARequestIsPendingBeforeItsBodyGoesOutAndSettledByItsAnswer()
    {
        using var fixture = new StateFixture();
        var transport = new GatedTransport();
        (SyncRun run, InFlightSends sends, List<ScimBulkRequest> requests) = WriteAheadSends(fixture, transport, default);
        requests.ForEach(sends.Start);
        while (transport.Order.Count < 3)
        {
            await Task.Delay(10);
        }

        // Every body is out and no answer has come: a kill now leaves the three pending, counted as Unknown.
        Assert.Equal(3, Count(fixture, "SELECT COUNT(*) FROM pending"));
        Assert.Equal(3, fixture.State.RunRecords(1)[0].RequestsUnknown);
        transport.Answer("W1");
        transport.Answer("W2", new UploadAttempt(400, ErrorMessage: "bad"));
        transport.Answer("W3", new UploadAttempt(504));
        Assert.Equal([SendStatus.Accepted, SendStatus.Failed, SendStatus.Unknown],
            [(await sends.TakeOldest()).Status, (await sends.TakeOldest()).Status, (await sends.TakeOldest()).Status]);

        Assert.Equal(["W3"], Ids(fixture, "SELECT external_id FROM pending"));
        Assert.NotNull(fixture.State.GetWorker("W1"));
        Assert.Null(fixture.State.GetWorker("W2"));
        RunRecord record = fixture.State.RunRecords(1)[0];
        Assert.Equal((1, 1, 1), (record.RequestsAccepted, record.RequestsFailed, record.RequestsUnknown));
    }

    [Fact]
    public async Task ACancelledSendIsUnknownAndItsWorkersStayPendingThroughTheLag()
    {
        using var fixture = new StateFixture();
        using var cancel = new CancellationTokenSource();
        var transport = new GatedTransport();
        (SyncRun _, InFlightSends sends, List<ScimBulkRequest> requests) = WriteAheadSends(fixture, transport, cancel.Token);
        requests.ForEach(sends.Start);
        while (transport.Order.Count < 3)
        {
            await Task.Delay(10);
        }
        transport.Answer("W1");
        Assert.Equal(SendStatus.Accepted, (await sends.TakeOldest()).Status);

        cancel.Cancel();
        BulkSendResult cancelled = await sends.TakeOldest();
        Assert.Equal((SendStatus.Unknown, "NoAnswer"), (cancelled.Status, cancelled.ErrorCode));
        Assert.Equal(SendStatus.Unknown, (await sends.TakeOldest()).Status);
        Assert.Equal(["W2", "W3"], Ids(fixture, "SELECT external_id FROM pending ORDER BY external_id"));

        // The next run, within the logs' lag, sends none of them again.
        Assert.Empty(fixture.Run(Workers(3), accept: false));
        Assert.Equal(2, fixture.LastRun!.Summary.Pending);
    }

    [Fact]
    public async Task ARequestCancelledWhileItWaitsToRetryAThrottleWasNotTakenAndLeavesNoPendingRow()
    {
        using var fixture = new StateFixture();
        using var cancel = new CancellationTokenSource();
        var transport = new GatedTransport();
        using var waiting = new SemaphoreSlim(0);
        (SyncRun _, InFlightSends sends, List<ScimBulkRequest> requests) = WriteAheadSends(fixture, transport, cancel.Token, _ => waiting.Release());
        sends.Start(requests[0]);
        while (transport.Order.Count < 1)
        {
            await Task.Delay(10);
        }
        Assert.Equal(1, Count(fixture, "SELECT COUNT(*) FROM pending"));
        transport.Answer("W1", new UploadAttempt(429, RetryAfter: TimeSpan.FromMinutes(1)));
        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(30)));
        cancel.Cancel();

        Assert.Equal(SendStatus.NotSent, (await sends.TakeOldest()).Status);
        Assert.Equal(0, Count(fixture, "SELECT COUNT(*) FROM pending"));
        Assert.Equal(0, Count(fixture, "SELECT COUNT(*) FROM requests"));
        Assert.Equal(0, fixture.State.RunRecords(1)[0].RequestsUnknown);
    }

    private static List<string> Ids(StateFixture fixture, string sql)
    {
        using SqliteCommand command = fixture.State.Command(sql);
        using SqliteDataReader reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }

    [Fact]
    public void ALeaverOfAnUnansweredRequestWaitsForTheLogsAsOtherWorkersDo()
    {
        using var fixture = new StateFixture();
        fixture.Run(Workers(3));
        var disable = new SyncRunOptions { Leavers = LeaverMode.Disable, OverrideDisableGuard = true };
        var settled = new SyncRunOptions { Leavers = LeaverMode.Disable, OverrideDisableGuard = true, UnknownSettleLag = TimeSpan.Zero };
        Assert.Equal(["W3"], Ids(fixture.Run(Workers(2), disable, accept: false)));
        fixture.LastRun!.RecordResult(1, ["W3"], "Unknown", 0, null, null, DateTimeOffset.UtcNow, "no answer");

        Assert.Empty(fixture.Run(Workers(2), disable, accept: false));
        Assert.Equal((1L, 0L), (fixture.LastRun!.Summary.Pending, fixture.LastRun.Summary.Leavers));
        // No entry in the logs after the lag: sent again.
        Assert.Equal(["W3"], Ids(fixture.Run(Workers(2), settled, accept: false)));

        using (LogRecorder recorder = fixture.State.BeginLogRead())
        {
            recorder.Record(Entry("W3", "success", DateTimeOffset.UtcNow.AddSeconds(1)));
            recorder.Complete(DateTimeOffset.UtcNow);
        }
        Assert.False(fixture.State.GetWorker("W3")!.Active);
        Assert.Empty(fixture.Run(Workers(2), settled, accept: false));
    }

    [Fact]
    public void APreviewWritesNothing()
    {
        using var fixture = new StateFixture();
        fixture.Run(Workers(10));
        List<StagedUser> preview = fixture.Run(Workers(12), new SyncRunOptions { Preview = true });
        Assert.Equal(2, preview.Count);
        Assert.Equal(10, fixture.State.GetTotals().Workers);
        Assert.Equal(1, fixture.State.GetTotals().Runs);
    }

    [Fact]
    public void TheStateLastsAcrossOpensAndAcceptedRequestsAreNotSentAgain()
    {
        using var fixture = new StateFixture();
        SyncRun run = fixture.State.BeginRun(new SyncRunOptions());
        foreach (ScimUser user in Workers(120))
        {
            run.Add(user);
        }
        run.Finish();
        StagedUser[][] requests = run.Users().Chunk(50).ToArray();
        run.RecordResult(1, requests[0].Select(s => s.User.ExternalId).ToArray(), "Accepted", 202, null, null, DateTimeOffset.UtcNow, null);
        run.RecordResult(2, requests[1].Select(s => s.User.ExternalId).ToArray(), "Failed", 400, null, null, DateTimeOffset.UtcNow, "bad");
        fixture.Reopen();

        Assert.Equal(70, fixture.Run(Workers(120)).Count);
        Assert.Equal("ended", fixture.State.RunRecords()[1].Status);
        Assert.Equal((1, 1), (fixture.State.RunRecords()[1].RequestsAccepted, fixture.State.RunRecords()[1].RequestsFailed));
    }

    [Fact]
    public void ARunMarkedSentShowsEndedWhileTheStateIsOpenAndStillRecordsRequestsSentAgain()
    {
        using var fixture = new StateFixture();
        SyncRun run = fixture.State.BeginRun(new SyncRunOptions());
        RunRecord Record() => fixture.State.RunRecords().Single(r => r.Id == run.Id);
        foreach (ScimUser user in Workers(120))
        {
            run.Add(user);
        }
        run.MarkSent();
        Assert.Equal("staging", Record().Status);

        run.Finish();
        StagedUser[][] requests = run.Users().Chunk(50).ToArray();
        run.RecordResult(1, requests[0].Select(s => s.User.ExternalId).ToArray(), "Accepted", 202, null, null, DateTimeOffset.UtcNow, null);
        Assert.Equal("sending", Record().Status);
        run.MarkSent();
        Assert.Equal("ended", Record().Status);
        Assert.NotNull(Record().EndedAt);

        run.RecordResult(2, requests[1].Select(s => s.User.ExternalId).ToArray(), "Accepted", 202, null, null, DateTimeOffset.UtcNow, null);
        Assert.Equal(2, Record().RequestsAccepted);
        fixture.Reopen();
        Assert.Equal(("ended", 100L), (Record().Status, fixture.State.GetTotals().Workers));
    }

    [Fact]
    public void TheSchemaIsVersionedAndANewerFileIsRefused()
    {
        using var fixture = new StateFixture();
        Assert.Equal(StateSchema.Version, fixture.State.SchemaVersion);
        Assert.Equal(0, fixture.State.FoundSchemaVersion);
        fixture.Reopen();
        Assert.Equal(StateSchema.Version, fixture.State.FoundSchemaVersion);
        fixture.State.Close();

        using (var connection = new SqliteConnection($"Data Source={fixture.Path};Pooling=False"))
        {
            connection.Open();
            StateSchema.Execute(connection, $"PRAGMA user_version = {StateSchema.Version + 1}");
        }
        var ex = Assert.Throws<StateVersionException>(() => ProvisioningState.Open(fixture.Path));
        Assert.Contains("newer release", ex.Message);
        using (var connection = new SqliteConnection($"Data Source={fixture.Path};Pooling=False"))
        {
            connection.Open();
            StateSchema.Execute(connection, $"PRAGMA user_version = {StateSchema.Version}");
        }
        fixture.Reopen();
    }

    [Fact]
    public void UpgradingFromSchema1RehashesEveryStoredWorkerAndPendingOneFromItsJson()
    {
        static ScimUser WithNumber(string id) => new(id, System.Text.Encoding.UTF8.GetBytes(
            $$"""{"schemas":["{{ScimSchemas.CoreUserUrn}}"],"externalId":"{{id}}","active":true,"floor":3,"onLeave":"false"}"""),
            null, null, true, null, "hr.csv", 2);
        using var fixture = new StateFixture();
        fixture.Run([WithNumber("W1"), WithNumber("W2")]);
        fixture.Run([WithNumber("W1"), WithNumber("W2"), WithNumber("W3")], accept: false);
        fixture.LastRun!.RecordResult(1, ["W3"], "Unknown", 0, null, null, DateTimeOffset.UtcNow, "no answer");
        fixture.State.Close();
        using (var connection = new SqliteConnection($"Data Source={fixture.Path};Pooling=False"))
        {
            // As the previous release left it: schema 1, and hashes of another rule.
            connection.Open();
            StateSchema.Execute(connection, "UPDATE workers SET hash = zeroblob(16); UPDATE pending SET hash = zeroblob(16); PRAGMA user_version = 1");
        }

        fixture.Reopen();
        Assert.Equal((1, 3L), (fixture.State.FoundSchemaVersion, fixture.State.RehashedOnUpgrade));
        Assert.Empty(fixture.Run([WithNumber("W1"), WithNumber("W2"), WithNumber("W3")], accept: false));
        Assert.Equal((2L, 1L), (fixture.LastRun!.Summary.Unchanged, fixture.LastRun.Summary.Pending));
        fixture.Reopen();
        Assert.Equal(0, fixture.State.RehashedOnUpgrade);
    }

    [Fact]
    public void ASecondOpenOfTheSameFileIsRefusedWhileTheFirstHoldsIt()
    {
        using var fixture = new StateFixture();
        Assert.Throws<StateAlreadyOpenException>(() => ProvisioningState.Open(fixture.Path));
    }

    private static ProvisioningLogEntry Entry(string id, string status, DateTimeOffset at) =>
        new(Guid.NewGuid().ToString(), id, null, "update", status, status == "failure" ? "SomeError" : null, null, null, at, "job", null, null, null, []);
}
