namespace EntraInboundProvisioning.Engine.LocalEndpoint;

/// <summary>The local endpoint could not start because another program listens on the port it was given.</summary>
public sealed class LocalEndpointPortInUseException(int port, string endpointMessage) : IOException(endpointMessage)
{
    public int Port { get; } = port;
}
