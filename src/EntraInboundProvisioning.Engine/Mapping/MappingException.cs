namespace EntraInboundProvisioning.Engine.Mapping;

/// <summary>A mapping that cannot be used: names the mapping key and what to change.</summary>
public sealed class MappingException : Exception
{
    public MappingException(string key, string message)
        : base(message)
    {
        Key = key;
    }

    /// <summary>The mapping key at fault, as a path (name.givenName, urn:...:User.manager.value).</summary>
    public string Key { get; }
}
