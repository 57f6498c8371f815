using System.Text;
using System.Text.Json;
using EntraInboundProvisioning.Engine.Scim;
using EntraInboundProvisioning.Engine.Sync;
using Microsoft.Data.Sqlite;

namespace EntraInboundProvisioning.Engine.Tests.Sync;

public class StateJournalTests
{
    private static List<ScimUser> Workers(int count) =>
        [.. Enumerable.Range(1, count).Select(i => StateFixture.User($"W{i}", manager: i > 1 ? "W1" : null))];

    /// <summary>A run on a journaling storage: the journal's lines and the state, still open.</summary>
    private static (List<string> Lines, StateFixture Run) JournaledRun(IEnumerable<ScimUser> users)
    {
        JournalingStateStorage? storage = null;
        var fixture = new StateFixture(path => storage = new JournalingStateStorage(path));
        fixture.Run(users);
        return (storage!.Lines, fixture);
    }

    /// <summary>A copy of the state's file as it is now, for a journal to be replayed on; the state is open again.</summary>
    private static string CopyBeforeTheRun(StateFixture run)
    {
        string before = Path.Combine(Path.GetTempPath(), $"eip-before-{Guid.NewGuid():N}.db");
        run.State.Close();
        File.Copy(run.Path, before);
        run.Reopen();
        return before;
    }

    [Fact]
    public void EachRecordedRequestIsOneLineWithItsWorkersRequestAndRun()
    {
        (List<string> lines, StateFixture run) = JournaledRun(Workers(120));
        using (run)
        {
            Assert.Equal(3, lines.Count);
            Assert.All(lines, line => Assert.EndsWith("\n", line));
            Assert.All(lines, line => Assert.Single(line, '\n'));
            using JsonDocument first = JsonDocument.Parse(lines[0]);
            List<JsonElement> rows = [.. first.RootElement.GetProperty("rows").EnumerateArray()];
            Assert.Equal(50, rows.Count(r => r.GetProperty("table").GetString() == "workers"));
            Assert.Equal(1, rows.Count(r => r.GetProperty("table").GetString() == "requests"));
            Assert.Equal(1, rows.Count(r => r.GetProperty("table").GetString() == "runs"));
            JsonElement worker = rows.First(r => r.GetProperty("table").GetString() == "workers").GetProperty("values");
            Assert.Equal("W1", worker.GetProperty("external_id").GetString());
            Assert.NotEmpty(worker.GetProperty("hash").GetProperty("b").GetBytesFromBase64());
        }
    }

    [Fact]
    public void ReplayOnTheFileAsItWasBeforeTheRunGivesTheWorkersTheRunAccepted()
    {
        (List<string> lines, StateFixture run) = JournaledRun([]);
        string before = CopyBeforeTheRun(run);
        using (run)
        {
            run.Run(Workers(120));
            lines = [.. lines, .. ((JournalingStateStorage)run.State.Storage).Lines];
            WorkerRecord accepted = run.State.GetWorker("W77")!;

            JournalingStateStorage? replaying = null;
            using var replayed = new StateFixture(_ => replaying = new JournalingStateStorage(before, lines));
            Assert.Equal(3, replaying!.Replayed);
            WorkerRecord again = replayed.State.GetWorker("W77")!;
            Assert.Equal(accepted.Active, again.Active);
            Assert.Equal((accepted.AcceptedRun, accepted.AcceptedRequest), (again.AcceptedRun, again.AcceptedRequest));
            Assert.Equal(accepted.ManagerId, again.ManagerId);
            Assert.Equal(accepted.AcceptedAt, again.AcceptedAt);
            Assert.Equal(run.State.GetTotals().Workers, replayed.State.GetTotals().Workers);
            Assert.Empty(replayed.Run(Workers(120), accept: false));
        }
        ProvisioningState.DeleteDatabaseFiles(before);
    }

    [Fact]
    public void ReplayingTwiceChangesNothingAndAnAcceptedWorkerLeavesPending()
    {
        (List<string> lines, StateFixture run) = JournaledRun(Workers(10));
        using (run)
        {
            SyncRun unknown = run.State.BeginRun(new SyncRunOptions { Full = true });
            foreach (ScimUser user in Workers(10))
            {
                unknown.Add(user);
            }
            unknown.Finish();
            _ = unknown.Users().ToList();
            unknown.RecordResult(1, ["W1", "W2"], "Unknown", 0, null, null, DateTimeOffset.UtcNow, "timed out");
            List<string> all = [.. lines, .. ((JournalingStateStorage)run.State.Storage).Lines];
            Assert.Contains("\"pending\"", all[^1]);
            run.State.Close();

            using var connection = new SqliteConnection($"Data Source={run.Path};Pooling=False");
            connection.Open();
            long Count(string table)
            {
                using SqliteCommand count = connection.CreateCommand();
                count.CommandText = $"SELECT COUNT(*) FROM {table}";
                return (long)count.ExecuteScalar()!;
            }
            Assert.Equal(2, Count("pending"));
            // The first request accepted W1 and W2 again: replaying it ends their doubt, as accepting did.
            StateJournal.Replay(connection, new MemoryStream(Encoding.UTF8.GetBytes(all[0])), run.Path);
            Assert.Equal(0, Count("pending"));
            StateJournal.Replay(connection, new MemoryStream(Encoding.UTF8.GetBytes(string.Concat(all))), run.Path);
            StateJournal.Replay(connection, new MemoryStream(Encoding.UTF8.GetBytes(string.Concat(all))), run.Path);
            Assert.Equal(10, Count("workers"));
            Assert.Equal(2, Count("pending"));
            Assert.Equal(2, Count("runs"));
        }
    }

    [Fact]
    public void ARequestInFlightIsJournaledBeforeItGoesOutAndARefusalReplaysAsItsBackOut()
    {
        (List<string> _, StateFixture run) = JournaledRun([]);
        string before = CopyBeforeTheRun(run);
        using (run)
        {
            run.Run(Workers(2), accept: false);
            run.LastRun!.RecordSending(1, ["W1"], DateTimeOffset.UtcNow);
            run.LastRun.RecordSending(2, ["W2"], DateTimeOffset.UtcNow);
            run.LastRun.RecordResult(1, ["W1"], "Failed", 400, null, null, DateTimeOffset.UtcNow, "bad");
            List<string> lines = ((JournalingStateStorage)run.State.Storage).Lines;
            Assert.Equal(3, lines.Count);

            // A sandbox killed now: the blob's journal alone tells the next open that W2's request went out.
            JournalingStateStorage? replaying = null;
            using var replayed = new StateFixture(_ => replaying = new JournalingStateStorage(before, lines));
            Assert.Equal(2, replaying!.Replayed);
            Assert.Equal(1, replayed.State.GetTotals().Pending);
            Assert.Equal("W2:2", replayed.State.Scalar("SELECT external_id || ':' || request_index FROM pending"));
            Assert.Equal("Failed", replayed.State.Scalar("SELECT status FROM requests WHERE request_index = 1"));
            Assert.Empty(replayed.Run(Workers(2).Skip(1), accept: false));
        }
        ProvisioningState.DeleteDatabaseFiles(before);
    }

    [Fact]
    public void ARetryOfARequestInFlightRestampsItsWorkersAndItsJournalLineWithoutCountingItTwice()
    {
        (List<string> _, StateFixture run) = JournaledRun([]);
        string before = CopyBeforeTheRun(run);
        using (run)
        {
            run.Run(Workers(1), accept: false);
            DateTimeOffset refused = DateTimeOffset.UtcNow.AddMinutes(-20);
            DateTimeOffset retried = DateTimeOffset.UtcNow;
            run.LastRun!.RecordSending(1, ["W1"], refused);
            run.LastRun.RecordSending(1, ["W1"], retried);

            Assert.Equal(ProvisioningState.Timestamp(retried), run.State.Scalar("SELECT sent_at FROM pending WHERE external_id = 'W1'"));
            Assert.Equal(ProvisioningState.Timestamp(retried), run.State.Scalar("SELECT sent_at FROM requests WHERE request_index = 1"));
            Assert.Equal(1L, Convert.ToInt64(run.State.Scalar("SELECT requests_unknown FROM runs ORDER BY id DESC LIMIT 1")));

            // A sandbox killed while the retry's answer is awaited: the journal carries the retry's time.
            List<string> lines = ((JournalingStateStorage)run.State.Storage).Lines;
            using var replayed = new StateFixture(_ => new JournalingStateStorage(before, lines));
            Assert.Equal(ProvisioningState.Timestamp(retried), replayed.State.Scalar("SELECT sent_at FROM pending WHERE external_id = 'W1'"));
        }
        ProvisioningState.DeleteDatabaseFiles(before);
    }

    [Fact]
    public void AJournalOfThePreviousSchemaIsReplayedAndThenRehashed()
    {
        (List<string> lines, StateFixture run) = JournaledRun(Workers(3));
        using (run)
        {
            run.State.Close();
            using (var connection = new SqliteConnection($"Data Source={run.Path};Pooling=False"))
            {
                // The file as the previous release left it before the run, and the run's lines with that release's hashes.
                connection.Open();
                StateSchema.Execute(connection, "DELETE FROM workers; PRAGMA user_version = 1");
            }
            string zero = Convert.ToBase64String(new byte[CanonicalUser.HashLength]);
            List<string> old = [.. lines.Select(line => System.Text.RegularExpressions.Regex.Replace(line, "\"hash\":\\{\"b\":\"[^\"]*\"\\}", $"\"hash\":{{\"b\":\"{zero}\"}}"))];
            Assert.All(old, line => Assert.Contains(zero, line));

            using var replayed = new StateFixture(_ => new JournalingStateStorage(run.Path, old));
            Assert.Equal(3, replayed.State.RehashedOnUpgrade);
            Assert.Empty(replayed.Run(Workers(3), accept: false));
        }
    }

    [Fact]
    public void ALastLineCutShortIsIgnoredAndADamagedLineIsNamed()
    {
        (List<string> lines, StateFixture run) = JournaledRun(Workers(60));
        using (run)
        {
            run.State.Close();
            using var connection = new SqliteConnection($"Data Source={run.Path};Pooling=False");
            connection.Open();
            string cut = lines[0] + lines[1][..(lines[1].Length / 2)];
            Assert.Equal(1, StateJournal.Replay(connection, new MemoryStream(Encoding.UTF8.GetBytes(cut)), "state.db"));

            string damaged = lines[0] + "{\"rows\":[{\"table\":\"meta\",\"values\":{}}]}\n";
            var error = Assert.Throws<InvalidDataException>(() =>
                StateJournal.Replay(connection, new MemoryStream(Encoding.UTF8.GetBytes(damaged)), "state.db"));
            Assert.Contains("state.db", error.Message);
            Assert.Contains("line 2", error.Message);
        }
    }
}
