namespace EntraInboundProvisioning.Engine.Sync;

/// <summary>This process already has the state open: its holder is the state object the first open returned.</summary>
public sealed class StateAlreadyOpenException(string message, ProvisioningState openState) : Exception(message)
{
    public ProvisioningState OpenState { get; } = openState;
}
