using EntraInboundProvisioning.Engine.Logs;
using EntraInboundProvisioning.Engine.Scim;
using static EntraInboundProvisioning.Engine.Tests.Sync.SyncRunTests;
using EntraInboundProvisioning.Engine.Sync;

namespace EntraInboundProvisioning.Engine.Tests.Sync;

public class LogRecorderTests
{
    private static ProvisioningLogEntry Entry(string id, string action, string status, string? code = null, string? reason = null) =>
        new(Guid.NewGuid().ToString(), id, null, action, status, code, reason, null, DateTimeOffset.UtcNow.AddSeconds(1), "job", null, null, null, []);

    private static void Read(StateFixture fixture, params ProvisioningLogEntry[] entries)
    {
        using LogRecorder recorder = fixture.State.BeginLogRead();
        foreach (ProvisioningLogEntry entry in entries)
        {
            recorder.Record(entry);
        }
        recorder.Complete(DateTimeOffset.UtcNow);
    }

    [Fact]
    public void AWarningThatIsNotAboutTheManagerClearsManagerUnresolved()
    {
        using var fixture = new StateFixture();
        fixture.Run([StateFixture.User("R", manager: "M"), StateFixture.User("S", manager: "M")]);
        Assert.False(fixture.State.GetWorker("R")!.ManagerResolved);

        Read(fixture,
            Entry("R", "create", "warning", "AttributeNotInSchema", "1 attributes are not in the job's schema and were not applied: urn:x:User:Grade."),
            Entry("S", "create", "warning", "ManagerNotFound", "The manager with externalId 'M' of user 'S' was not found; the manager was not set."));

        Assert.True(fixture.State.GetWorker("R")!.ManagerResolved);
        Assert.False(fixture.State.GetWorker("S")!.ManagerResolved);
        Assert.Equal(1, fixture.State.GetTotals().ManagerUnresolved);
        // Only S, whose manager the service did not find, is sent again once M is sent.
        Assert.Equal(["M", "S"], Ids(fixture.Run([StateFixture.User("R", manager: "M"), StateFixture.User("S", manager: "M"), StateFixture.User("M")])));
    }

    [Fact]
    public void AnEntryThatNamesManagerNotFoundInItsReasonKeepsManagerUnresolved()
    {
        using var fixture = new StateFixture();
        fixture.Run([StateFixture.User("R", manager: "M")]);
        Read(fixture, Entry("R", "create", "warning", "AttributeNotInSchema", "ManagerNotFound: the manager reference could not be resolved."));
        Assert.False(fixture.State.GetWorker("R")!.ManagerResolved);
    }

    [Theory]
    [InlineData("stagedDelete", "skipped")]
    [InlineData("disable", "failure")]
    public void ADisableTheServiceDidNotApplyIsSentAgain(string action, string status)
    {
        using var fixture = new StateFixture();
        fixture.Run(Workers(20));
        var leaving = new SyncRunOptions { Leavers = LeaverMode.Disable, OverrideDisableGuard = true };
        // W1..W5 leave; W6 stays in the export, turned inactive.
        List<ScimUser> export = [.. Workers(20).Skip(6), StateFixture.User("W6", active: false)];
        Assert.Equal(6, fixture.Run(export, leaving).Count);
        Assert.Equal(6, fixture.State.GetTotals().Inactive);

        Read(fixture, [.. Enumerable.Range(1, 6).Select(i => Entry($"W{i}", action, status, "TooManyDeletes", "held"))]);

        StateTotals totals = fixture.State.GetTotals();
        Assert.Equal(6, totals.DisablesNotApplied);
        Assert.Equal(0, totals.Inactive);
        Assert.True(fixture.State.GetWorker("W1")!.Active);
        List<StagedUser> again = fixture.Run(export, leaving);
        Assert.Equal(["W1", "W2", "W3", "W4", "W5", "W6"], Ids(again).Order().ToArray());
        Assert.All(again, staged => Assert.True(staged.Disable));
        Assert.All(again, staged => Assert.False(staged.User.Active));
        Assert.Equal(6, fixture.LastRun!.Summary.DisablesNotApplied);
        Assert.Equal(6, fixture.LastRun.Summary.Disables);
        Assert.Equal(0, fixture.State.GetTotals().DisablesNotApplied);
        Assert.Empty(fixture.Run(export, leaving));
    }

    [Fact]
    public void ADisableAppliedLaterByARestartWithForceDeletesIsNotSentAgain()
    {
        using var fixture = new StateFixture();
        fixture.Run(Workers(10));
        var leaving = new SyncRunOptions { Leavers = LeaverMode.Disable, OverrideDisableGuard = true };
        fixture.Run(Workers(10).Skip(1), leaving);
        Read(fixture, Entry("W1", "stagedDelete", "skipped", "TooManyDeletes", "held"));
        Assert.True(fixture.State.GetWorker("W1")!.Active);

        Read(fixture, Entry("W1", "disable", "success"));

        Assert.False(fixture.State.GetWorker("W1")!.Active);
        Assert.Equal(0, fixture.State.GetTotals().DisablesNotApplied);
        Assert.Empty(fixture.Run(Workers(10).Skip(1), leaving));
    }

    [Fact]
    public void TotalsCountWorkersWhoseOutcomeIsNotReadYet()
    {
        using var fixture = new StateFixture();
        fixture.Run(Workers(3));
        Assert.Equal(3, fixture.State.GetTotals().AwaitingOutcome);
        Read(fixture, Entry("W1", "create", "success"));
        Assert.Equal(2, fixture.State.GetTotals().AwaitingOutcome);
        fixture.Run(Workers(3), accept: false);
        Assert.Equal(2, fixture.LastRun!.Summary.AwaitingOutcome);
    }

    [Fact]
    public void AFolderOrAFileThisProcessHasOpenIsRefusedWithWhatToDo()
    {
        string folder = Directory.CreateTempSubdirectory("eip-state-").FullName;
        try
        {
            var ex = Assert.Throws<StateIsFolderException>(() => ProvisioningState.Open(folder));
            Assert.Contains(folder, ex.Message);
            Assert.Contains("Name a file", ex.Message);
        }
        finally
        {
            Directory.Delete(folder, true);
        }

        using var fixture = new StateFixture();
        var again = Assert.Throws<StateAlreadyOpenException>(() => ProvisioningState.Open(fixture.Path));
        Assert.Same(fixture.State, again.OpenState);
        Assert.Contains("already open in this", again.Message);
        fixture.Reopen();
        Assert.True(fixture.State.IsOpen);
    }
}
