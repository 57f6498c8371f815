using System.Management.Automation;
using EntraInboundProvisioning.Engine.Jobs;
using System.Net;
using System.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EntraInboundProvisioning.Connection;
using EntraInboundProvisioning.Engine.Identity;
using EntraInboundProvisioning.Engine.Provisioning;
using EntraInboundProvisioning.LocalEndpoint;

namespace EntraInboundProvisioning.Commands;

/// <summary>
/// Signs in once for the session's provisioning cmdlets, with what the admin or the runbook already has, and
/// optionally names the provisioning job to use by default.
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "EntraProvisioning", DefaultParameterSetName = ManagedIdentitySet)]
[OutputType(typeof(ProvisioningConnectionInfo))]
public sealed class ConnectEntraProvisioningCommand : ProvisioningJobCmdlet
{
    private const string ClientSecretSet = "ClientSecret";
    private const string CredentialSet = "Credential";
    private const string CertificateSet = "Certificate";
    private const string ThumbprintSet = "CertificateThumbprint";
    private const string CertificateFileSet = "CertificateFile";
    private const string ManagedIdentitySet = "ManagedIdentity";
    private const string InteractiveSet = "Interactive";
    private const string DeviceCodeSet = "DeviceCode";
    private const string AccessTokenSet = "AccessToken";
    private const string EnvironmentSet = "EnvironmentVariables";
    private const string LocalEndpointSet = "LocalEndpoint";

    [Parameter(Mandatory = true, ParameterSetName = ClientSecretSet)]
    [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
    [Parameter(Mandatory = true, ParameterSetName = CertificateSet)]
    [Parameter(Mandatory = true, ParameterSetName = ThumbprintSet)]
    [Parameter(Mandatory = true, ParameterSetName = CertificateFileSet)]
    [Parameter(ParameterSetName = InteractiveSet)]
    [Parameter(ParameterSetName = DeviceCodeSet)]
    [ValidateNotNullOrEmpty]
    public string? TenantId { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ClientSecretSet)]
    [Parameter(Mandatory = true, ParameterSetName = CertificateSet)]
    [Parameter(Mandatory = true, ParameterSetName = ThumbprintSet)]
    [Parameter(Mandatory = true, ParameterSetName = CertificateFileSet)]
    [Parameter(ParameterSetName = ManagedIdentitySet)]
    [Parameter(ParameterSetName = InteractiveSet)]
    [Parameter(ParameterSetName = DeviceCodeSet)]
    [ValidateNotNullOrEmpty]
    public string? ClientId { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ClientSecretSet)]
    public SecureString? ClientSecret { get; set; }

    /// <summary>The app's client id as user name and its client secret as password.</summary>
    [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
    [Credential]
    public PSCredential? Credential { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = CertificateSet)]
    public X509Certificate2? Certificate { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ThumbprintSet)]
    [ValidateNotNullOrEmpty]
    public string? CertificateThumbprint { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = CertificateFileSet)]
    [ValidateNotNullOrEmpty]
    public string? CertificatePath { get; set; }

    [Parameter(ParameterSetName = CertificateFileSet)]
    public SecureString? CertificatePassword { get; set; }

    [Parameter(ParameterSetName = ManagedIdentitySet)]
    public SwitchParameter ManagedIdentity { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = InteractiveSet)]
    public SwitchParameter Interactive { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = DeviceCodeSet)]
    public SwitchParameter UseDeviceCode { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = AccessTokenSet)]
    public SecureString? AccessToken { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = EnvironmentSet)]
    public SwitchParameter EnvironmentVariables { get; set; }

    /// <summary>A local endpoint from Start-ProvisioningEndpoint: its address, its job and its token.</summary>
    [Parameter(Mandatory = true, ParameterSetName = LocalEndpointSet, ValueFromPipeline = true)]
    public LocalProvisioningEndpoint? LocalEndpoint { get; set; }

    // A string, not the engine's enum: a value-type field of an engine type would make PowerShell load the engine
    // while it scans the cmdlets, before the module's load context is hooked up.
    [Parameter]
    [ValidateSet("Global", "USGov", "USGovDoD", "China")]
    public string Environment { get; set; } = "Global";

    private CloudEnvironment Cloud => Enum.Parse<CloudEnvironment>(Environment, ignoreCase: true);

    /// <summary>Another Graph address (a proxy, the local endpoint); plain http only to loopback.</summary>
    [Parameter]
    public Uri? GraphUri { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void EndProcessing()
    {
        Uri? graphUri = GraphUri;
        if (Uri is not null)
        {
            graphUri ??= ProvisioningTarget.FromApiEndpointSafe(Uri, out _);
        }
        if (LocalEndpoint is not null)
        {
            graphUri ??= LocalEndpoint.Uri;
        }

        ProvisioningConnection connection;
        try
        {
            connection = ProvisioningConnection.Create(Spec(), graphUri);
        }
        catch (ArgumentException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "ConnectEntraProvisioningInvalidArgument", ErrorCategory.InvalidArgument, graphUri));
            return;
        }

        try
        {
            Await(connection.SignInAsync(CancelToken));
        }
        catch (SignInFailedException ex)
        {
            connection.Dispose();
            ThrowTerminatingError(new ErrorRecord(ex, "ConnectEntraProvisioningSignInFailed", ErrorCategory.AuthenticationError, ParameterSetName));
        }
        catch (OperationCanceledException ex)
        {
            connection.Dispose();
            ThrowCancelled(ex, "ConnectEntraProvisioningTimedOut", ParameterSetName);
        }

        string? servicePrincipal = ServicePrincipalId ?? LocalEndpoint?.ServicePrincipalId;
        string? job = JobId ?? (ServicePrincipalId is null ? LocalEndpoint?.JobId : null);
        if (Uri is not null || servicePrincipal is not null)
        {
            connection.DefaultTarget = TargetParameters.Resolve(this, connection, servicePrincipal, job, Uri, "ConnectEntraProvisioning", Await, CancelToken);
            VerifyJob(connection, connection.DefaultTarget);
        }
        ConnectionStore.Set(connection);
        WriteVerbose($"Connected to {connection.GraphUri} ({connection.Description})" +
            (connection.DefaultTarget is { } t ? $"; job {t.JobId} of service principal {t.ServicePrincipalId}." : "."));
        if (PassThru)
        {
            WriteObject(ProvisioningConnectionInfo.Current());
        }
    }

    private void VerifyJob(ProvisioningConnection connection, ProvisioningTarget target)
    {
        bool verified;
        try
        {
            verified = Await(ProvisioningTargetResolver.VerifyJobAsync(connection, target, CancelToken));
        }
        catch (Exception ex) when (ex is InvalidOperationException or GraphRequestException)
        {
            connection.Dispose();
            ThrowTerminatingError(new ErrorRecord(ex, ex is GraphRequestException { StatusCode: 401 } ? "ConnectEntraProvisioningUnauthorized" : "ConnectEntraProvisioningJobNotFound",
                ex is GraphRequestException { StatusCode: 401 } ? ErrorCategory.AuthenticationError : ErrorCategory.ObjectNotFound, target.JobId));
            return;
        }
        catch (OperationCanceledException ex)
        {
            connection.Dispose();
            ThrowCancelled(ex, "ConnectEntraProvisioningTimedOut", target.JobId);
            return;
        }
        if (!verified)
        {
            // A 403 says only what the identity lacks, not what it holds: the warning says no more than that.
            WriteWarning($"The job '{target.JobId}' of service principal '{target.ServicePrincipalId}' could not be verified: the service refused to read it (403), " +
                $"so this identity holds none of the permissions that read a job ({JobPermissions.Read}). Sending needs only SynchronizationData-User.Upload, " +
                "so a runbook that only sends can go on; Get-, Suspend-, Start- and Restart-ProvisioningJob need one of those. If the ids are wrong, the first send says so (404).");
        }
    }

    private CredentialSpec Spec() => ParameterSetName switch
    {
        ClientSecretSet => new CredentialSpec { Kind = CredentialKind.ClientSecret, TenantId = TenantId, ClientId = ClientId, ClientSecret = Plain(ClientSecret), Cloud = Cloud },
        CredentialSet => new CredentialSpec
        {
            Kind = CredentialKind.ClientSecret, TenantId = TenantId, ClientId = Credential!.UserName, ClientSecret = Credential.GetNetworkCredential().Password, Cloud = Cloud,
        },
        CertificateSet => new CredentialSpec { Kind = CredentialKind.Certificate, TenantId = TenantId, ClientId = ClientId, Certificate = Certificate, Cloud = Cloud },
        ThumbprintSet => new CredentialSpec { Kind = CredentialKind.Certificate, TenantId = TenantId, ClientId = ClientId, Certificate = FromStore(CertificateThumbprint!), Cloud = Cloud },
        CertificateFileSet => new CredentialSpec { Kind = CredentialKind.Certificate, TenantId = TenantId, ClientId = ClientId, Certificate = FromFile(), Cloud = Cloud },
        InteractiveSet => new CredentialSpec { Kind = CredentialKind.InteractiveBrowser, TenantId = TenantId, ClientId = ClientId, Cloud = Cloud },
        DeviceCodeSet => new CredentialSpec { Kind = CredentialKind.DeviceCode, TenantId = TenantId, ClientId = ClientId, Cloud = Cloud, DeviceCodePrompt = Post },
        AccessTokenSet => new CredentialSpec { Kind = CredentialKind.AccessToken, AccessToken = Plain(AccessToken), Cloud = Cloud },
        EnvironmentSet => new CredentialSpec { Kind = CredentialKind.Environment, Cloud = Cloud },
        LocalEndpointSet => new CredentialSpec { Kind = CredentialKind.AccessToken, AccessToken = Plain(LocalEndpoint!.Token) },
        _ => new CredentialSpec { Kind = CredentialKind.ManagedIdentity, ClientId = ClientId, Cloud = Cloud },
    };

    private static string? Plain(SecureString? secure) => secure is null ? null : new NetworkCredential(string.Empty, secure).Password;

    private X509Certificate2 FromStore(string thumbprint)
    {
        foreach (StoreLocation location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
        {
            try
            {
                using var store = new X509Store(StoreName.My, location);
                store.Open(OpenFlags.ReadOnly);
                X509Certificate2Collection found = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint.Replace(" ", "", StringComparison.Ordinal), validOnly: false);
                if (found.Count > 0)
                {
                    return found[0];
                }
            }
            catch (CryptographicException)
            {
            }
        }
        ThrowTerminatingError(new ErrorRecord(
            new ItemNotFoundException($"No certificate with thumbprint {thumbprint} is in the CurrentUser or LocalMachine 'My' store. Import it, or use -Certificate or -CertificatePath."),
            "ConnectEntraProvisioningCertificateNotFound", ErrorCategory.ObjectNotFound, thumbprint));
        return null!;
    }

    private X509Certificate2 FromFile()
    {
        string path = GetUnresolvedProviderPathFromPSPath(CertificatePath);
        try
        {
#pragma warning disable SYSLIB0057 // X509CertificateLoader is .NET 9; the module runs on .NET 8 too.
            return new X509Certificate2(path, Plain(CertificatePassword), X509KeyStorageFlags.EphemeralKeySet);
#pragma warning restore SYSLIB0057
        }
        catch (CryptographicException ex)
        {
            ThrowTerminatingError(new ErrorRecord(
                new InvalidDataException($"The certificate file '{path}' cannot be read: {ex.Message} Check the file and -CertificatePassword.", ex),
                "ConnectEntraProvisioningCertificateUnreadable", ErrorCategory.InvalidData, path));
            return null!;
        }
    }
}
