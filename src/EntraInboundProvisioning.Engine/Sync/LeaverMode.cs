namespace EntraInboundProvisioning.Engine.Sync;

/// <summary>What a run does with workers the state holds as active who are absent from its input.</summary>
public enum LeaverMode
{
    Ignore,
    Disable,
}
