using System.Globalization;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;

namespace EntraInboundProvisioning.Engine.Provisioning;

/// <summary>
/// POSTs to bulkUpload through the Graph client's request adapter, whose middleware authenticates, once per call,
/// within the policy's timeout. The SDK has no typed builder for bulkUpload, hence a RequestInformation.
/// </summary>
public sealed class GraphBulkUploadTransport(ProvisioningConnection connection) : IBulkUploadTransport
{
    private const string UrlTemplate = "{+baseurl}/servicePrincipals/{servicePrincipalId}/synchronization/jobs/{jobId}/bulkUpload";

    private static readonly Dictionary<string, ParsableFactory<IParsable>> ErrorMapping = new()
    {
        ["XXX"] = ODataError.CreateFromDiscriminatorValue,
    };

    public async Task<UploadAttempt> UploadAsync(ProvisioningTarget target, ReadOnlyMemory<byte> json, string clientRequestId, SendPolicy policy,
        CancellationToken cancellationToken)
    {
        var headers = new HeadersInspectionHandlerOption { InspectResponseHeaders = true };
        // The sender owns every retry: it waits as the service asks, tells what it waits for, and resends nothing
        // whose outcome is unknown (the middleware would replay a 504).
        var noRetry = new RetryHandlerOption { MaxRetry = 0, ShouldRetry = (_, _, _) => false };
        var request = new RequestInformation { HttpMethod = Method.POST, UrlTemplate = UrlTemplate };
        request.PathParameters["servicePrincipalId"] = target.ServicePrincipalId;
        request.PathParameters["jobId"] = target.JobId;
        request.Headers.Add("client-request-id", clientRequestId);
        request.SetStreamContent(new MemoryStream(json.ToArray(), writable: false), "application/scim+json");
        request.AddRequestOptions([headers, noRetry]);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(policy.Timeout);
        try
        {
            await connection.Client.RequestAdapter.SendNoContentAsync(request, ErrorMapping, timeout.Token);
            return new UploadAttempt(202, First(headers.ResponseHeaders, "Location"), First(headers.ResponseHeaders, "request-id"), clientRequestId);
        }
        catch (ApiException ex)
        {
            return FromApiException(ex, clientRequestId);
        }
        catch (HttpRequestException ex)
        {
            return new UploadAttempt(0, ClientRequestId: clientRequestId, TransportError: ex, NeverSent: BeforeTheBody(ex));
        }
        catch (Exception ex) when (ProvisioningConnection.IsSignInFailure(ex))
        {
            return new UploadAttempt(0, ClientRequestId: clientRequestId, TransportError: connection.SignInFailed(ex), NeverSent: true);
        }
        catch (IOException ex)
        {
            return new UploadAttempt(0, ClientRequestId: clientRequestId, TransportError: ex);
        }
        catch (OperationCanceledException ex) when (!timeout.IsCancellationRequested && ex.InnerException is TimeoutException)
        {
            // The handler's connect timeout: the connection was never made, so nothing was sent.
            return new UploadAttempt(0, ClientRequestId: clientRequestId, TransportError: new HttpRequestException(ex.InnerException.Message, ex), NeverSent: true);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return new UploadAttempt(0, ClientRequestId: clientRequestId,
                TransportError: new TimeoutException($"No answer within {policy.Timeout.TotalSeconds:0.#} s.", ex));
        }
    }

    /// <summary>Failures that come before a connection exists: nothing of the request can have reached the service.</summary>
    private static bool BeforeTheBody(HttpRequestException ex) =>
        ex.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError
            or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError
        || ex.InnerException is System.Net.Sockets.SocketException
        {
            SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused or System.Net.Sockets.SocketError.HostNotFound
                or System.Net.Sockets.SocketError.HostUnreachable or System.Net.Sockets.SocketError.NetworkUnreachable,
        };

    private static UploadAttempt FromApiException(ApiException ex, string clientRequestId)
    {
        string? retryAfter = ex.ResponseHeaders.TryGetValue("Retry-After", out IEnumerable<string>? values) ? values.FirstOrDefault() : null;
        TimeSpan? wait = int.TryParse(retryAfter, NumberStyles.None, CultureInfo.InvariantCulture, out int seconds) ? TimeSpan.FromSeconds(seconds) : null;
        string? requestId = ex.ResponseHeaders.TryGetValue("request-id", out IEnumerable<string>? ids) ? ids.FirstOrDefault() : null;
        (string? code, string? message) = ex is ODataError odata ? (odata.Error?.Code, odata.Error?.Message) : (null, ex.Message);
        return new UploadAttempt(ex.ResponseStatusCode, null, requestId, clientRequestId, wait, code, message ?? ex.Message);
    }

    private static string? First(RequestHeaders headers, string name) =>
        headers.TryGetValue(name, out IEnumerable<string>? values) ? values.FirstOrDefault() : null;
}
