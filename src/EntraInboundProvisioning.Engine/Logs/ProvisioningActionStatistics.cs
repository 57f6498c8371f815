namespace EntraInboundProvisioning.Engine.Logs;

/// <summary>One action's entries in a cycle by status, as CSV2SCIM's cycle statistics show them.</summary>
public sealed record ProvisioningActionStatistics(string Action, int Success, int Failure, int Skipped, int Warning)
{
    public int Total => Success + Failure + Skipped + Warning;

    public override string ToString() => $"{Action}: {Success} success, {Failure} failure, {Skipped} skipped, {Warning} warning";
}
