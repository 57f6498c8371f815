using System.Diagnostics;
using System.Security;
using EntraInboundProvisioning.Engine.LocalEndpoint;

namespace EntraInboundProvisioning.LocalEndpoint;

/// <summary>A running local provisioning endpoint, as Start-ProvisioningEndpoint returns it. Its secrets are SecureStrings.</summary>
public sealed class LocalProvisioningEndpoint
{
    internal LocalProvisioningEndpoint(LocalEndpointInfo info, Process process)
    {
        Uri = info.Uri;
        ServicePrincipalId = info.ServicePrincipalId;
        AppId = info.AppId;
        JobId = info.JobId;
        TenantId = info.TenantId;
        IdentityEndpoint = info.IdentityEndpoint;
        IdentityHeader = Secure(info.IdentityHeader);
        Token = Secure(info.Token);
        ProcessId = info.ProcessId;
        Process = process;
    }

    /// <summary>The endpoint's address: use it as the Graph endpoint.</summary>
    public Uri Uri { get; }

    public string ServicePrincipalId { get; }

    public string AppId { get; }

    public string JobId { get; }

    public string TenantId { get; }

    /// <summary>The managed-identity token endpoint (IDENTITY_ENDPOINT of Azure Automation).</summary>
    public Uri IdentityEndpoint { get; }

    /// <summary>The managed-identity secret (IDENTITY_HEADER).</summary>
    public SecureString IdentityHeader { get; }

    /// <summary>A token with every permission, for -AccessToken and the /_local controls.</summary>
    public SecureString Token { get; }

    public int ProcessId { get; }

    /// <summary>The provisioning API endpoint of the default job, as the portal shows it for a real app.</summary>
    public Uri ProvisioningApiEndpoint => new(Uri, $"v1.0/servicePrincipals/{ServicePrincipalId}/synchronization/jobs/{JobId}/bulkUpload");

    public bool IsRunning => !Process.HasExited;

    internal Process Process { get; }

    private static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (char c in text)
        {
            secure.AppendChar(c);
        }
        secure.MakeReadOnly();
        return secure;
    }

    public override string ToString() => Uri.ToString();
}
