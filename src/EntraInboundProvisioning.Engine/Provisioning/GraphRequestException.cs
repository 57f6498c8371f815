using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;

namespace EntraInboundProvisioning.Engine.Provisioning;

/// <summary>
/// A Graph call that failed, with the service's own code and message. The engine hands this out instead of the SDK's
/// exceptions, so that the module never needs the SDK's types (they live in the module's own load context).
/// </summary>
public sealed class GraphRequestException(int statusCode, string? code, string message, Exception? inner = null) : Exception(message, inner)
{
    public int StatusCode { get; } = statusCode;

    public string? Code { get; } = code;

    public static GraphRequestException From(ApiException ex) => ex is ODataError odata
        ? new GraphRequestException(ex.ResponseStatusCode, odata.Error?.Code, $"Graph answered {ex.ResponseStatusCode} {odata.Error?.Code}: {odata.Error?.Message}", ex)
        : new GraphRequestException(ex.ResponseStatusCode, null, $"Graph answered {ex.ResponseStatusCode}: {ex.Message}", ex);

    /// <summary>Runs a Graph call and turns the SDK's failures into GraphRequestException.</summary>
    public static async Task<T> Wrap<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (ApiException ex)
        {
            throw From(ex);
        }
        catch (HttpRequestException ex)
        {
            throw new GraphRequestException(0, "ConnectionFailed", $"Graph could not be reached: {ex.Message}", ex);
        }
    }
}
