namespace EntraInboundProvisioning.Engine.Sync;

/// <summary>How a run chooses what to send.</summary>
public sealed class SyncRunOptions
{
    /// <summary>Leavers are looked for among the workers last seen under the same scope only.</summary>
    public string Scope { get; init; } = "";

    /// <summary>Every worker of the input is sent, changed or not (and the state refreshed).</summary>
    public bool Full { get; init; }

    public LeaverMode Leavers { get; init; } = LeaverMode.Ignore;

    public int? MaxDisables { get; init; }

    public double MaxDisablesPercent { get; init; } = 5;

    public bool OverrideDisableGuard { get; init; }

    /// <summary>A preview (-WhatIf): the run is planned in the scratch database and nothing is written to the state.</summary>
    public bool Preview { get; init; }

    /// <summary>How long a request without an answer waits for provisioning log entries before its workers are sent again.</summary>
    public TimeSpan UnknownSettleLag { get; init; } = TimeSpan.FromMinutes(10);

    public string Mode => Full ? "Full" : "Delta";
}
