using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage;
using Azure.Storage.Files.Shares.Models;
using EntraInboundProvisioning.Engine.Identity;

namespace EntraInboundProvisioning.Engine.Storage;

/// <summary>
/// Finds and opens exports in one container or share. Blob Storage and Azure Files differ only in the calls that
/// list, describe and download; choosing by wildcard or by newest, sign-in and error messages are shared here.
/// </summary>
public abstract class StorageExportStore
{
    private protected StorageExportStore(StorageUri location, StorageAccess access)
    {
        Location = location;
        Access = access;
    }

    public StorageUri Location { get; }

    private protected StorageAccess Access { get; }

    /// <summary>Parses the URL and chooses the service's client and the way to sign in.</summary>
    public static StorageExportStore Open(string uri, StorageAccess access)
    {
        StorageUri location = StorageUri.Parse(uri);
        return location.Kind == StorageServiceKind.File ? new ShareExportStore(location, access) : new BlobExportStore(location, access);
    }

    /// <summary>How requests sign in: the SAS of the URL, the account key, or a token from the session's credential.</summary>
    public string SignIn => Location.Sas is not null ? "SAS" : Access.AccountKey is not null ? "account key" : "token";

    /// <summary>
    /// The exports the URL names: the one blob or file, every name a wildcard or folder matches (in name order), or
    /// with <paramref name="latest"/> the one changed last.
    /// </summary>
    public IReadOnlyList<StorageExportItem> Resolve(bool latest, CancellationToken cancellationToken)
    {
        if (!Location.IsPattern)
        {
            return [new StorageExportItem(Location.Path, null, null)];
        }
        var pattern = new ExportNamePattern(Location.NamePattern.Length == 0 ? "*" : Location.NamePattern, NamesIgnoreCase);
        List<StorageExportItem> found;
        try
        {
            // A service whose names ignore case is not asked to filter by prefix, whose comparison it does not document.
            found = [.. List(Location.Folder, NamesIgnoreCase ? "" : pattern.LiteralPrefix, cancellationToken)
                .Where(item => pattern.IsMatch(item.Path[Location.Folder.Length..]))
                .OrderBy(item => item.Path, StringComparer.Ordinal)];
        }
        catch (Exception ex) when (IsServiceFailure(ex))
        {
            throw Translate(ex, Location.Display, listing: true);
        }
        if (found.Count == 0)
        {
            throw new StorageExportException(StorageFaultKind.NoMatch, Location.Display,
                $"Nothing in {Location.DisplayOf(Location.Folder)} matches '{(Location.NamePattern.Length == 0 ? "*" : Location.NamePattern)}'. " +
                "Check the folder and the pattern; the export may not have arrived yet.");
        }
        return latest ? [Latest(found)] : found;
    }

    /// <summary>
    /// The newest of exports sorted by name. Blob Storage gives last-modified to the second, so exports uploaded
    /// together tie: the last by name (workers-2026-11-29.csv after workers-2026-11-28.csv) wins, not the first.
    /// </summary>
    public static StorageExportItem Latest(IReadOnlyList<StorageExportItem> byName) =>
        byName.Reverse().MaxBy(item => item.LastModified ?? DateTimeOffset.MinValue)!;

    /// <summary>
    /// Opens the export for reading from its start. The stream downloads as it is read (nothing is kept in memory or
    /// on disk) and, when the connection drops, the SDK asks for the rest with a ranged read pinned to the ETag.
    /// A reader that reads the export again (after an unclosed quote) gives <paramref name="ifMatch"/>, the ETag of its
    /// first download, so that a blob or file replaced meanwhile stops the import instead of mixing two versions.
    /// Reads honour <paramref name="cancellationToken"/>, so Ctrl+C ends a stalled download at once.
    /// </summary>
    public StorageExportStream OpenRead(StorageExportItem item, string? ifMatch, CancellationToken cancellationToken)
    {
        string display = Location.DisplayOf(item.Path);
        try
        {
            (Stream content, long length, string etag) = Download(item.Path, ifMatch, cancellationToken);
            if (ifMatch is not null && etag != ifMatch)
            {
                content.Dispose();
                throw Changed(display, "");
            }
            return new StorageExportStream(content, length, etag, display, this, cancellationToken);
        }
        catch (Exception ex) when (IsServiceFailure(ex))
        {
            throw Translate(ex, display, listing: false);
        }
    }

    private protected abstract IEnumerable<StorageExportItem> List(string folder, string prefix, CancellationToken cancellationToken);

    /// <summary>Starts the download; with <paramref name="ifMatch"/> only of that version, where the service can make it a condition.</summary>
    private protected abstract (Stream Content, long Length, string ETag) Download(string path, string? ifMatch, CancellationToken cancellationToken);

    /// <summary>The role that lets an identity read this service's data.</summary>
    private protected abstract string ReaderRole { get; }

    private protected abstract string ItemWord { get; }

    /// <summary>Azure Files keeps the case of names but ignores it; blob names are case-sensitive.</summary>
    private protected abstract bool NamesIgnoreCase { get; }

    private protected abstract string ContainerWord { get; }

    /// <summary>Options every client of the module gets: the resumption note, and no request bodies or SAS in SDK logs.</summary>
    private protected void Configure(ClientOptions options)
    {
        if (Access.Note is { } note)
        {
            options.AddPolicy(new ResumeNotingPolicy(note), HttpPipelinePosition.PerRetry);
        }
        options.Diagnostics.IsLoggingContentEnabled = false;
    }

    /// <summary>The service's client, made with the SAS of the URL, else the account key, else the session's credential.</summary>
    private protected TClient Connect<TClient>(Func<AzureSasCredential, TClient> withSas, Func<StorageSharedKeyCredential, TClient> withKey, Func<TokenCredential, TClient> withToken) =>
        Location.Sas is { } sas ? withSas(new AzureSasCredential(sas)) : SharedKey is { } key ? withKey(key) : withToken(RequireToken());

    private protected Uri ContainerUri => new(Location.ServiceUri, Uri.EscapeDataString(Location.Container));

    /// <summary>The account's own token audience, which is valid in every cloud, where https://storage.azure.com is not.</summary>
    private protected string AccountAudience => Location.ServiceUri.GetLeftPart(UriPartial.Authority);

    private StorageSharedKeyCredential? SharedKey
    {
        get
        {
            if (Access.AccountKey is not { } key || Location.Sas is not null)
            {
                return null;
            }
            try
            {
                return new StorageSharedKeyCredential(Location.Account, key);
            }
            catch (FormatException)
            {
                throw new StorageExportException(StorageFaultKind.NoCredential, Location.Display,
                    "-StorageAccountKey is not a storage account key (a base64 string of 88 characters from the account's Access keys).");
            }
        }
    }

    /// <summary>The session's credential, on the cloud that the storage host belongs to.</summary>
    private TokenCredential RequireToken()
    {
        if (Access.Credential is not { } credential)
        {
            throw new StorageExportException(StorageFaultKind.NoCredential, Location.Display,
                $"{Location.Display} has no SAS token and the session is not connected. Run Connect-EntraProvisioning first " +
                $"(-ManagedIdentity in Azure Automation) with an identity that has the {ReaderRole} role, or give a URL with a SAS.");
        }
        if (Location.IsLoopback)
        {
            throw new StorageExportException(StorageFaultKind.NoCredential, Location.Display,
                $"{Location.Display} is plain http on loopback (Azurite), where tokens are not sent. Give a URL with a SAS or -StorageAccountKey.");
        }
        if (Location.Cloud is { } cloud && Access.Cloud is { } connected && !SameStorageCloud(cloud, connected))
        {
            throw new StorageExportException(StorageFaultKind.WrongCloud, Location.Display,
                $"{Location.Display} is a storage account in the {cloud} cloud, but the session is connected to {connected}. " +
                $"Connect with Connect-EntraProvisioning -Environment {cloud}, or give a URL with a SAS.");
        }
        return credential;
    }

    private static string LastCause(Exception failure) => failure is AggregateException { InnerExceptions.Count: > 0 } retried
        ? $"{retried.InnerExceptions.Count} tries; the last: {retried.InnerExceptions[^1].GetBaseException().Message}"
        : failure.GetBaseException().Message;

    private static bool IsServiceFailure(Exception ex) => ex is RequestFailedException or AggregateException or IOException or HttpRequestException;

    private StorageExportException Translate(Exception failure, string display, bool listing)
    {
        if (failure is not RequestFailedException { Status: > 0 } ex)
        {
            return new StorageExportException(StorageFaultKind.Failed, display,
                $"{display} could not be reached ({Scrub(LastCause(failure))}). Check the address and the network, then try again.");
        }
        string code = ex.ErrorCode is { Length: > 0 } c ? $" ({ex.Status} {c})" : $" ({ex.Status})";
        return ex.Status switch
        {
            404 => new StorageExportException(StorageFaultKind.NotFound, display,
                $"{display} does not exist{code}. Check the account, the {ContainerWord} and the {ItemWord}'s name."),
            401 or 403 => new StorageExportException(StorageFaultKind.Forbidden, display,
                $"Reading {display} was refused{code}. " + (Location.Sas is not null
                    ? $"The SAS may have expired or lack the read{(listing ? " and list" : "")} permission{(listing ? "s (r, l) on the " + ContainerWord : " (r)")}: make a new SAS and give the new URL."
                    : Access.AccountKey is not null
                        ? "Check -StorageAccountKey: it must be one of the account's access keys."
                        : $"Give the identity of the session ({Access.DescribeSignIn}) the {ReaderRole} role on the account or {ContainerWord} " +
                          "(role assignments take a few minutes to apply), or give a URL with a SAS.")),
            412 => Changed(display, code),
            _ => new StorageExportException(StorageFaultKind.Failed, display, $"Reading {display} failed{code}. Try again later; if it persists, check the storage account."),
        };
    }

    private static StorageExportException Changed(string display, string code) => new(StorageFaultKind.Changed, display,
        $"The export {display} changed while it was read{code}: it was replaced or written to after the import began, " +
        "and rows of two versions must not mix. Run the import again once the export is complete.");

    internal StorageExportException TranslateRead(Exception ex, string display, long position) => ex switch
    {
        RequestFailedException { Status: > 0 } failed => Translate(failed, display, listing: false),
        ShareFileModifiedException => Changed(display, ""),
        _ => new StorageExportException(StorageFaultKind.Interrupted, display,
            $"The download of {display} broke off at byte {position} and could not be resumed ({ex.GetType().Name}). Run the import again."),
    };

    // Messages of network failures do not name the request's query, but a SAS must not get out even if one did.
    private string Scrub(string message)
    {
        if (Location.Sas is not { Length: > 0 } sas)
        {
            return message;
        }
        message = message.Replace(sas, "<SAS>", StringComparison.Ordinal);
        foreach (string parameter in sas.Split('&'))
        {
            if (parameter.StartsWith("sig=", StringComparison.OrdinalIgnoreCase) && parameter.Length > 4)
            {
                message = message.Replace(parameter[4..], "<signature>", StringComparison.Ordinal)
                    .Replace(Uri.UnescapeDataString(parameter[4..]), "<signature>", StringComparison.Ordinal);
            }
        }
        return message;
    }

    private static bool SameStorageCloud(CloudEnvironment storage, CloudEnvironment connected) =>
        storage == connected || (storage == CloudEnvironment.USGov && connected == CloudEnvironment.USGovDoD);
}
