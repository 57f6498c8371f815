using System.Diagnostics;

namespace EntraInboundProvisioning.Bench;

internal static class PeakMemory
{
    /// <summary>The peak resident set of this process (VmHWM on Linux), the figure a sandbox's memory limit counts.</summary>
    public static long Bytes()
    {
        const string status = "/proc/self/status";
        if (File.Exists(status))
        {
            string? line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (line is not null)
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
            }
        }
        return Process.GetCurrentProcess().PeakWorkingSet64;
    }
}
