namespace EntraInboundProvisioning.Engine.Sync;

/// <summary>One worker as the state knows it (Get-ProvisioningState -ExternalId).</summary>
public sealed class WorkerRecord
{
    public required string ExternalId { get; init; }

    public required string Scope { get; init; }

    public bool Active { get; init; }

    public string? ManagerId { get; init; }

    /// <summary>False when the worker was accepted before its manager was: the service could not set the manager.</summary>
    public bool ManagerResolved { get; init; }

    public string? Source { get; init; }

    public DateTimeOffset? AcceptedAt { get; init; }

    public long? AcceptedRun { get; init; }

    public int? AcceptedRequest { get; init; }

    /// <summary>The last provisioning log status: success, skipped, warning or failure.</summary>
    public string? Outcome { get; init; }

    public string? OutcomeAction { get; init; }

    public string? OutcomeReason { get; init; }

    public DateTimeOffset? OutcomeAt { get; init; }

    /// <summary>When a request of this worker went unanswered; the logs settle whether the service has it.</summary>
    public DateTimeOffset? PendingSince { get; init; }

    public long? PendingRun { get; init; }

    public int? PendingRequest { get; init; }

    public required string Hash { get; init; }

    /// <summary>The SCIM user as last accepted (or, while pending, as last sent).</summary>
    public required string Json { get; init; }

    public override string ToString() => ExternalId;
}
