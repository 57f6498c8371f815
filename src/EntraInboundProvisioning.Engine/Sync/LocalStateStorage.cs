namespace EntraInboundProvisioning.Engine.Sync;

/// <summary>A state file on a local disk: SQLite's own write-ahead log makes every commit last.</summary>
public sealed class LocalStateStorage(string path) : StateStorage
{
    public override string Location { get; } = Path.GetFullPath(path);

    public override string? DatabasePath => Location;

    public override string WriteBeside(string extension, byte[] content, string contentType)
    {
        string path = Path.Combine(Path.GetDirectoryName(Location)!, NameBeside(Location, extension));
        File.WriteAllBytes(path, content);
        return path;
    }
}
