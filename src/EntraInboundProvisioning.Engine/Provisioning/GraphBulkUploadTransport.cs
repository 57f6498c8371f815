using System.Globalization;
using System.Net;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;

namespace EntraInboundProvisioning.Engine.Provisioning;

/// <summary>
/// POSTs to bulkUpload through the Graph client's request adapter, so that its middleware authenticates and retries
/// throttled calls (honouring Retry-After). The SDK has no typed builder for bulkUpload, hence a RequestInformation.
/// </summary>
public sealed class GraphBulkUploadTransport(ProvisioningConnection connection) : IBulkUploadTransport
{
    private const string UrlTemplate = "{+baseurl}/servicePrincipals/{servicePrincipalId}/synchronization/jobs/{jobId}/bulkUpload";

    private static readonly Dictionary<string, ParsableFactory<IParsable>> ErrorMapping = new()
    {
        ["XXX"] = ODataError.CreateFromDiscriminatorValue,
    };

    public async Task<UploadAttempt> UploadAsync(ProvisioningTarget target, ReadOnlyMemory<byte> json, SendPolicy policy, CancellationToken cancellationToken)
    {
        string clientRequestId = Guid.NewGuid().ToString();
        var headers = new HeadersInspectionHandlerOption { InspectResponseHeaders = true };
        int retries = 0;
        var retry = new RetryHandlerOption
        {
            MaxRetry = Math.Clamp(policy.ThrottleRetries, 0, 10),
            ShouldRetry = (_, _, response) =>
            {
                bool throttled = response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
                bool retry = throttled && (RetryAfter(response.Headers.RetryAfter) ?? TimeSpan.Zero) <= policy.MaxRetryAfter;
                if (retry)
                {
                    retries++;
                }
                return retry;
            },
        };
        var request = new RequestInformation { HttpMethod = Method.POST, UrlTemplate = UrlTemplate };
        request.PathParameters["servicePrincipalId"] = target.ServicePrincipalId;
        request.PathParameters["jobId"] = target.JobId;
        request.Headers.Add("client-request-id", clientRequestId);
        // A seekable body of known length: the retry handler only replays buffered content.
        request.SetStreamContent(new MemoryStream(json.ToArray(), writable: false), "application/scim+json");
        request.AddRequestOptions([headers, retry]);

        try
        {
            await connection.Client.RequestAdapter.SendNoContentAsync(request, ErrorMapping, cancellationToken);
            return new UploadAttempt(202, First(headers.ResponseHeaders, "Location"), First(headers.ResponseHeaders, "request-id"),
                First(headers.ResponseHeaders, "client-request-id") ?? clientRequestId, MiddlewareRetries: retries);
        }
        catch (ApiException ex)
        {
            return FromApiException(ex, clientRequestId, retries);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.LastOrDefault() is ApiException last)
        {
            // The retry handler gave up: report the last answer.
            return FromApiException(last, clientRequestId, retries);
        }
        catch (HttpRequestException ex)
        {
            return new UploadAttempt(0, ClientRequestId: clientRequestId, MiddlewareRetries: retries, TransportError: ex);
        }
        catch (IOException ex)
        {
            return new UploadAttempt(0, ClientRequestId: clientRequestId, MiddlewareRetries: retries, TransportError: ex);
        }
    }

    private static UploadAttempt FromApiException(ApiException ex, string clientRequestId, int retries)
    {
        string? retryAfter = ex.ResponseHeaders.TryGetValue("Retry-After", out IEnumerable<string>? values) ? values.FirstOrDefault() : null;
        TimeSpan? wait = int.TryParse(retryAfter, NumberStyles.None, CultureInfo.InvariantCulture, out int seconds) ? TimeSpan.FromSeconds(seconds) : null;
        string? requestId = ex.ResponseHeaders.TryGetValue("request-id", out IEnumerable<string>? ids) ? ids.FirstOrDefault() : null;
        (string? code, string? message) = ex is ODataError odata ? (odata.Error?.Code, odata.Error?.Message) : (null, ex.Message);
        return new UploadAttempt(ex.ResponseStatusCode, null, requestId, clientRequestId, wait, code, message ?? ex.Message, retries);
    }

    private static string? First(RequestHeaders headers, string name) =>
        headers.TryGetValue(name, out IEnumerable<string>? values) ? values.FirstOrDefault() : null;

    private static TimeSpan? RetryAfter(System.Net.Http.Headers.RetryConditionHeaderValue? value) =>
        value?.Delta ?? (value?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
}
