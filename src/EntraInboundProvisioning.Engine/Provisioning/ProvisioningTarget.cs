namespace EntraInboundProvisioning.Engine.Provisioning;

/// <summary>The provisioning job that uploads go to: its app's service principal (object id) and the job id.</summary>
public sealed record ProvisioningTarget(string ServicePrincipalId, string JobId)
{
    /// <summary>
    /// Reads the "Provisioning API Endpoint" that the portal shows:
    /// {graph}/{v1.0|beta}/servicePrincipals/{id}/synchronization/jobs/{jobId}/bulkUpload.
    /// </summary>
    /// <summary>The Graph address of a provisioning API endpoint, or null (and the reason) when it is not one.</summary>
    public static Uri? FromApiEndpointSafe(Uri endpoint, out string? problem)
    {
        try
        {
            problem = null;
            return FromApiEndpoint(endpoint).GraphUri;
        }
        catch (ArgumentException ex)
        {
            problem = ex.Message;
            return null;
        }
    }

    public static (Uri GraphUri, ProvisioningTarget Target) FromApiEndpoint(Uri endpoint)
    {
        string[] parts = endpoint.AbsolutePath.Trim('/').Split('/');
        int sp = Array.FindIndex(parts, p => p.Equals("servicePrincipals", StringComparison.OrdinalIgnoreCase));
        if (sp < 1 || parts.Length < sp + 6 || !parts[sp + 2].Equals("synchronization", StringComparison.OrdinalIgnoreCase)
            || !parts[sp + 3].Equals("jobs", StringComparison.OrdinalIgnoreCase) || !parts[sp + 5].Equals("bulkUpload", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"'{endpoint}' is not a provisioning API endpoint. Copy it from the app's Provisioning page: " +
                "https://graph.microsoft.com/v1.0/servicePrincipals/{id}/synchronization/jobs/{jobId}/bulkUpload.");
        }
        string prefix = string.Join('/', parts.Take(sp - 1));
        var graph = new Uri(endpoint.GetLeftPart(UriPartial.Authority) + "/" + (prefix.Length > 0 ? prefix + "/" : ""));
        return (graph, new ProvisioningTarget(Uri.UnescapeDataString(parts[sp + 1]), Uri.UnescapeDataString(parts[sp + 4])));
    }
}
