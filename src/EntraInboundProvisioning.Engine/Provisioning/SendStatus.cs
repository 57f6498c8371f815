namespace EntraInboundProvisioning.Engine.Provisioning;

public enum SendStatus
{
    Accepted,
    Failed,
}
