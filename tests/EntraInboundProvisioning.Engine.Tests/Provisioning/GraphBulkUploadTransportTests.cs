using System.Net;
using System.Net.Sockets;
using EntraInboundProvisioning.Engine.Identity;
using EntraInboundProvisioning.Engine.Provisioning;

namespace EntraInboundProvisioning.Engine.Tests.Provisioning;

public class GraphBulkUploadTransportTests
{
    [Fact]
    public async Task AConnectionThatNeverOpensIsAConnectionFailureNotAnUnknownOutcome()
    {
        // A listener that never accepts, with its accept queue filled: a new connection hangs in SYN, as behind a
        // firewall that drops packets.
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        var fillers = new List<Socket>();
        try
        {
            for (int i = 0; i < 4; i++)
            {
                var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
                try
                {
                    filler.Connect(IPAddress.Loopback, port);
                }
                catch (SocketException)
                {
                    // in progress, or hanging: either fills the queue
                }
                fillers.Add(filler);
            }
            using ProvisioningConnection connection = ProvisioningConnection.Create(new AccessTokenCredential(), CloudEnvironment.Global,
                new Uri($"http://127.0.0.1:{port}/"), "a token", TimeSpan.FromSeconds(1));
            var transport = new GraphBulkUploadTransport(connection);

            UploadAttempt attempt = await transport.UploadAsync(new ProvisioningTarget("sp", "job"), "{}"u8.ToArray(), "id",
                new SendPolicy { Timeout = TimeSpan.FromSeconds(30) }, default);

            Assert.True(attempt.NeverSent, attempt.TransportError?.ToString());
            Assert.IsType<HttpRequestException>(attempt.TransportError);
        }
        finally
        {
            fillers.ForEach(filler => filler.Dispose());
        }
    }
}
