namespace EntraInboundProvisioning.Engine.Identity;

/// <summary>The Microsoft clouds, each with its own sign-in authority and Graph endpoint.</summary>
public enum CloudEnvironment
{
    Global,
    USGov,
    USGovDoD,
    China,
}
