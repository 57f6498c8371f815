using Microsoft.AspNetCore.Connections;

namespace EntraInboundProvisioning.LocalEndpoint;

/// <summary>The endpoint cannot listen on the port it was given: one line that names the port, instead of Kestrel's stack trace.</summary>
public sealed class PortUnavailableException(int port, Exception inner) : IOException(
    inner is AddressInUseException
        ? $"Port {port} on 127.0.0.1 is already in use by another program: choose another port, or 0 for a free one."
        : $"Cannot listen on port {port} of 127.0.0.1: {inner.Message}",
    inner)
{
    /// <summary>The endpoint's exit code when the port is in use, so that whoever started it can tell.</summary>
    public const int InUseExitCode = 3;

    public int Port { get; } = port;

    public bool InUse => InnerException is AddressInUseException;
}
