namespace EntraInboundProvisioning.LocalEndpoint.Jobs;

/// <summary>One run of a job (synchronizationTaskExecution): what it imported, exported and escrowed.</summary>
public sealed record JobExecution(string ActivityId, DateTimeOffset Began, DateTimeOffset Ended, int Imported, int Exported, int Escrowed)
{
    /// <summary>Succeeded, or EntryLevelErrors when some entries failed (synchronizationTaskExecutionResult).</summary>
    public string State => Escrowed == 0 ? "Succeeded" : "EntryLevelErrors";
}
