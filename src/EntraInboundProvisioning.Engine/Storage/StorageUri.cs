using System.Text.RegularExpressions;
using EntraInboundProvisioning.Engine.Identity;

namespace EntraInboundProvisioning.Engine.Storage;

/// <summary>
/// A blob or Azure Files address, split into the service, the container or share, and the path (which may end in a
/// wildcard or name a folder). Parsing keeps the SAS apart: <see cref="Display"/> and every message are without it.
/// </summary>
public sealed partial class StorageUri
{
    private StorageUri(StorageServiceKind kind, Uri serviceUri, string account, string container, string path, string? sas, CloudEnvironment? cloud)
    {
        Kind = kind;
        ServiceUri = serviceUri;
        Account = account;
        Container = container;
        Path = path;
        Sas = sas;
        Cloud = cloud;
    }

    public StorageServiceKind Kind { get; }

    /// <summary>The account's endpoint, such as https://contoso.blob.core.windows.net/ or, path-style on loopback, http://127.0.0.1:10000/devstoreaccount1/.</summary>
    public Uri ServiceUri { get; }

    public string Account { get; }

    /// <summary>The blob container or the file share.</summary>
    public string Container { get; }

    /// <summary>The blob name or the file's path in the share, without a leading slash; empty or ending in '/' for a folder.</summary>
    public string Path { get; }

    /// <summary>The SAS token, without the leading '?'; null when the URL has none.</summary>
    internal string? Sas { get; }

    /// <summary>The cloud whose storage suffix the host has; null for loopback (Azurite).</summary>
    public CloudEnvironment? Cloud { get; }

    public bool IsLoopback => ServiceUri.IsLoopback;

    /// <summary>The path names a folder or has a wildcard: the names to read are found by listing.</summary>
    public bool IsPattern => Path.Length == 0 || Path.EndsWith('/') || Path.Contains('*');

    /// <summary>The folder part of the path ('' or ending in '/').</summary>
    public string Folder => Path[..(Path.LastIndexOf('/') + 1)];

    /// <summary>The last segment of the path: a name or a wildcard pattern; empty for a folder.</summary>
    public string NamePattern => Path[(Path.LastIndexOf('/') + 1)..];

    /// <summary>The URL without its query: what errors, progress and rows' sources show.</summary>
    public string Display => DisplayOf(Path);

    public string DisplayOf(string path) =>
        new Uri(ServiceUri, Escape(Container) + "/" + string.Join('/', path.Split('/').Select(Escape))).AbsoluteUri;

    public static StorageUri Parse(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw Invalid(WithoutQuery(text), "is not an https address of a blob or a file in an Azure file share");
        }
        string display = uri.GetLeftPart(UriPartial.Path);
        if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
        {
            throw Invalid(display, "uses plain http, which is allowed only for loopback (Azurite); use https");
        }
        string? sas = uri.Query.Length > 1 ? uri.Query[1..] : null;
        if (sas is not null && !sas.Split('&').All(parameter => QueryParameter().IsMatch(parameter)))
        {
            throw Invalid(display, "is followed by a '?' and text that is not a SAS token. In a URL '?' starts the query, so it " +
                "cannot be a wildcard: only '*' is one. Write a '?' that is part of a name as %3F, and put the SAS after the name");
        }
        string[] segments = uri.AbsolutePath.TrimStart('/').Split('/');
        string[] decoded = [.. segments.Select(Uri.UnescapeDataString)];

        if (uri.IsLoopback)
        {
            // Azurite is path-style: /<account>/<container>/<blob>.
            if (decoded.Length < 2 || decoded[0].Length == 0 || decoded[1].Length == 0)
            {
                throw Invalid(display, "names no account and container; on loopback the address is path-style: http://127.0.0.1:<port>/<account>/<container>/<blob>");
            }
            var service = new Uri($"{uri.Scheme}://{uri.Authority}/{segments[0]}/");
            return NameOnlyWildcard(new StorageUri(StorageServiceKind.Blob, service, decoded[0], decoded[1], string.Join('/', decoded.Skip(2)), sas, null), display);
        }

        Match host = HostPattern().Match(uri.Host);
        if (!host.Success)
        {
            throw Invalid(display, "is not a storage account's blob or file endpoint (<account>.blob.core.windows.net, <account>.file.core.windows.net, " +
                "or the national clouds' core.usgovcloudapi.net and core.chinacloudapi.cn)");
        }
        if (decoded[0].Length == 0)
        {
            throw Invalid(display, "names no container or share; add it and the file's name: https://<account>.blob.core.windows.net/<container>/<name>.csv");
        }
        StorageServiceKind kind = host.Groups["service"].Value.Equals("file", StringComparison.OrdinalIgnoreCase) ? StorageServiceKind.File : StorageServiceKind.Blob;
        CloudEnvironment cloud = host.Groups["suffix"].Value.ToLowerInvariant() switch
        {
            "core.usgovcloudapi.net" => CloudEnvironment.USGov,
            "core.chinacloudapi.cn" => CloudEnvironment.China,
            _ => CloudEnvironment.Global,
        };
        return NameOnlyWildcard(new StorageUri(kind, new Uri($"https://{uri.Authority}/"), host.Groups["account"].Value, decoded[0], string.Join('/', decoded.Skip(1)), sas, cloud), display);
    }

    /// <summary>Whether the text is meant as a storage address rather than a file path.</summary>
    public static bool LooksLikeUri(string text) =>
        text.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("http://", StringComparison.OrdinalIgnoreCase);

    /// <summary>The text without anything from '?' on, for messages about text that is not even a URL.</summary>
    public static string WithoutQuery(string text) => text.Split('?', 2)[0];

    public override string ToString() => Display;

    private static string Escape(string segment) => Uri.EscapeDataString(segment).Replace("%2A", "*", StringComparison.Ordinal);

    // Folders are not listed recursively: a '*' before the last '/' would be looked for as a folder's name.
    private static StorageUri NameOnlyWildcard(StorageUri location, string display) =>
        location.Container.Contains('*') || location.Folder.Contains('*')
            ? throw Invalid(display, "has a '*' in a folder (or the container or share); only the last segment, the name, may hold a wildcard: " +
                "name the folder and put the wildcard in the name, such as .../exports/2026-11-29/workers-*.csv")
            : location;

    private static StorageExportException Invalid(string display, string problem) =>
        new(StorageFaultKind.InvalidUri, display, $"'{display}' {problem}.");

    [GeneratedRegex(@"^[A-Za-z0-9_-]+=[^?]*$")]
    private static partial Regex QueryParameter();

    [GeneratedRegex(@"^(?<account>[a-z0-9]{3,24})\.(?:privatelink\.)?(?<service>blob|file)\.(?<suffix>core\.windows\.net|core\.usgovcloudapi\.net|core\.chinacloudapi\.cn)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HostPattern();
}
