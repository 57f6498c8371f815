using System.Diagnostics;
using EntraInboundProvisioning.Engine.Sync;

namespace EntraInboundProvisioning.Engine.Tests.Sync;

public class ScratchFilesTests
{
    [Fact]
    public void OpeningAStateRemovesTheScratchDatabasesOfAProcessThatIsGoneAndKeepsTheLiveOnes()
    {
        using Process ended = Process.Start(new ProcessStartInfo("dotnet", "--version") { RedirectStandardOutput = true })!;
        ended.StandardOutput.ReadToEnd();
        ended.WaitForExit();
        string temp = Path.GetTempPath();
        string[] stale = [.. new[] { "stage", "state", "temporary" }.Select(kind => Path.Combine(temp, $"eip-{kind}-{ended.Id}-{Guid.NewGuid():N}.db"))];
        string live = ScratchFiles.NewPath("stage");
        string unnamed = Path.Combine(temp, $"eip-stage-{Guid.NewGuid():N}.db");
        string[] all = [.. stale, stale[0] + "-wal", live, unnamed];
        foreach (string file in all)
        {
            File.WriteAllBytes(file, [1]);
        }
        try
        {
            using (var fixture = new StateFixture())
            {
                Assert.True(fixture.State.IsOpen);
            }

            Assert.All(stale.Append(stale[0] + "-wal"), file => Assert.False(File.Exists(file), file));
            Assert.True(File.Exists(live));
            Assert.True(File.Exists(unnamed));
        }
        finally
        {
            foreach (string file in all)
            {
                File.Delete(file);
            }
        }
    }
}
