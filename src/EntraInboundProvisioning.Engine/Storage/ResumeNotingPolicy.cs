using Azure.Core;
using Azure.Core.Pipeline;

namespace EntraInboundProvisioning.Engine.Storage;

/// <summary>
/// Says when the storage SDK's download stream, after a dropped connection, asks again for the rest of the file
/// (a ranged read that starts past byte 0) rather than for the whole file.
/// </summary>
internal sealed class ResumeNotingPolicy(Action<string> note) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        if (message.Request.Method == RequestMethod.Get
            && (message.Request.Headers.TryGetValue("x-ms-range", out string? range) || message.Request.Headers.TryGetValue("Range", out range))
            && range is not null && range.StartsWith("bytes=", StringComparison.Ordinal)
            && long.TryParse(range.AsSpan(6, range.IndexOf('-') - 6), out long from) && from > 0)
        {
            note($"The download of {message.Request.Uri.ToUri().GetLeftPart(UriPartial.Path)} broke off; reading on from byte {from}.");
        }
    }
}
