using System.Diagnostics;
using System.Globalization;

namespace EntraInboundProvisioning.Engine.Sync;

/// <summary>
/// The databases a state keeps in the temp folder while it is open (a run's stage, a blob state's copy, the scratch
/// state of -ManagersFirst). Close deletes them, but a killed process cannot: each name carries the id of the process
/// that made it, and every open removes those whose process is gone.
/// </summary>
internal static class ScratchFiles
{
    private const string Prefix = "eip-";
    private static readonly string[] Kinds = ["stage", "state", "temporary"];

    // Files named before the process id was part of the name cannot be told apart from a live one's; a day is long
    // past any run.
    private static readonly TimeSpan UnnamedAge = TimeSpan.FromDays(1);

    public static string NewPath(string kind) =>
        Path.Combine(Path.GetTempPath(), $"{Prefix}{kind}-{Environment.ProcessId}-{Guid.NewGuid():N}.db");

    /// <summary>Deletes the scratch databases (and their -wal, -shm, -journal files) whose process has ended; returns how many.</summary>
    public static int RemoveStale(string? folder = null)
    {
        folder ??= Path.GetTempPath();
        int removed = 0;
        foreach (string kind in Kinds)
        {
            IEnumerable<string> files;
            try
            {
                files = Directory.EnumerateFiles(folder, $"{Prefix}{kind}-*.db").ToArray();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return removed;
            }
            foreach (string file in files)
            {
                if (IsStale(file, Path.GetFileNameWithoutExtension(file)[(Prefix.Length + kind.Length + 1)..]))
                {
                    ProvisioningState.DeleteDatabaseFiles(file);
                    removed += File.Exists(file) ? 0 : 1;
                }
            }
        }
        return removed;
    }

    private static bool IsStale(string file, string rest)
    {
        int dash = rest.IndexOf('-');
        if (dash <= 0 || !int.TryParse(rest[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out int processId))
        {
            return DateTime.UtcNow - File.GetLastWriteTimeUtc(file) > UnnamedAge;
        }
        if (processId == Environment.ProcessId)
        {
            return false;
        }
        try
        {
            using Process process = Process.GetProcessById(processId);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }
}
