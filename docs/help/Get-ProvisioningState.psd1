@{
    Synopsis    = 'Shows what a provisioning state holds: totals, one worker''s record, or the runs.'
    Description = @'
Without -ExternalId, Get-ProvisioningState counts the workers the state holds (active, inactive, failed last time,
sent before their manager was known, in requests that got no answer (Pending), accepted but with no log entry read yet
(AwaitingOutcome), and whose disable the service did not apply (DisablesNotApplied: held by its accidental-deletion
threshold, or failed; they are still active in Entra and the next run disables them again)), by scope, with the last
run and where the last read of the provisioning logs ended. With -ExternalId it shows each worker's record: its scope, active, manager, source file and
line, when it was accepted (run and request), its last outcome in the logs with the reason, and the SCIM user as last
accepted. With -Run it lists the runs, newest first.
'@
    Parameters  = @{
        State      = 'The state from Open-ProvisioningState.'
        ExternalId = 'The workers to show. An externalId the state does not hold is an error (GetProvisioningStateWorkerNotFound).'
        Run        = 'Lists the runs, newest first, with their counts and requests.'
    }
    Inputs      = @(@{ Type = 'System.String'; Description = 'externalIds, by value or by property name.' })
    Outputs     = @(
        @{ Type = 'EntraInboundProvisioning.Engine.Sync.StateTotals'; Description = 'The totals.' }
        @{ Type = 'EntraInboundProvisioning.Engine.Sync.WorkerRecord'; Description = 'With -ExternalId: one worker''s record.' }
        @{ Type = 'EntraInboundProvisioning.Engine.Sync.RunRecord'; Description = 'With -Run: one run.' }
    )
    Examples    = @(
        @{
            Code    = '$state = Open-ProvisioningState (Join-Path ([IO.Path]::GetTempPath()) ''hr-sync.db''); Get-ProvisioningState $state; Close-ProvisioningState $state'
            Remarks = 'Shows the totals.'
        }
        @{
            Code    = '$state = Open-ProvisioningState (Join-Path ([IO.Path]::GetTempPath()) ''hr-sync.db''); Get-ProvisioningState $state -ExternalId 105747 -ErrorAction SilentlyContinue | Format-List; Get-ProvisioningState $state -Run; Close-ProvisioningState $state'
            Remarks = 'Shows one worker''s record and the runs.'
        }
    )
    Links       = @('Open-ProvisioningState', 'Clear-ProvisioningState')
}
