using System.Runtime.InteropServices;

namespace EntraInboundProvisioning.LocalEndpoint;

/// <summary>
/// Leaves the console that started the endpoint to the program that started it: started by Start-ProvisioningEndpoint,
/// the endpoint serves until its parent ends, and a Ctrl+C (or Ctrl+\, Ctrl+Z) typed into the parent's console is the
/// parent's. .NET's Process API cannot start a child in a group of its own, so the endpoint leaves the group itself;
/// and it declines Ctrl+C and Ctrl+Break (SIGINT, SIGQUIT), which on Windows reach every process of a console and
/// elsewhere may still be sent to it directly. The host's own handlers of them are gone too (ParentOwnedLifetime).
/// </summary>
internal static class ParentConsole
{
    /// <summary>Call first thing; the registrations returned must live as long as the process.</summary>
    public static IReadOnlyList<IDisposable> Leave()
    {
        if (!OperatingSystem.IsWindows())
        {
            // A terminal sends the signals of its keys to its foreground process group only.
            if (setpgid(0, 0) != 0)
            {
                Console.Error.WriteLine($"warning: the endpoint could not leave its parent's process group (errno {Marshal.GetLastPInvokeError()}); Ctrl+C there stops it too.");
            }
        }
        return [PosixSignalRegistration.Create(PosixSignal.SIGINT, Decline), PosixSignalRegistration.Create(PosixSignal.SIGQUIT, Decline)];
    }

    private static void Decline(PosixSignalContext context) => context.Cancel = true;

    [DllImport("libc", SetLastError = true)]
    private static extern int setpgid(int pid, int pgid);
}
