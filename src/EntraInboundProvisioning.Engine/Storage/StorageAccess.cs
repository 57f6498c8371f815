using Azure.Core;
using EntraInboundProvisioning.Engine.Identity;
using EntraInboundProvisioning.Engine.Provisioning;

namespace EntraInboundProvisioning.Engine.Storage;

/// <summary>
/// How to sign in to storage when the URL carries no SAS: the account key if given, else the session's connection
/// (its credential asks for a storage token). <see cref="Note"/> receives messages such as a resumed download.
/// </summary>
public sealed class StorageAccess
{
    public string? AccountKey { get; init; }

    public ProvisioningConnection? Connection { get; init; }

    public Action<string>? Note { get; init; }

    internal TokenCredential? Credential => Connection?.Credential;

    internal CloudEnvironment? Cloud => Connection?.Cloud;

    internal string DescribeSignIn => Connection?.Description ?? "no connection";
}
