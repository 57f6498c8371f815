namespace EntraInboundProvisioning.Engine.Mapping;

/// <summary>Computes an attribute's value from a record; the module implements it over a scriptblock.</summary>
public interface IValueSource
{
    object? GetValue(IWorkerRecord record);

    /// <summary>How the source reads in messages, such as the scriptblock's text.</summary>
    string Describe();
}
