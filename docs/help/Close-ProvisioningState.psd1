@{
    Synopsis    = 'Closes a provisioning state: ends its run, checkpoints the file and releases it for the next run.'
    Description = @'
Close-ProvisioningState ends the state's current run (a run stopped before its input ended is marked interrupted),
folds the write-ahead log into the file and releases the file, so that the next run (or Get-ProvisioningState in another
session) can open it. Call it in a finally block. A state that is already closed is left as it is.
'@
    Parameters  = @{
        State = 'The state from Open-ProvisioningState.'
    }
    Inputs      = @(@{ Type = 'EntraInboundProvisioning.Engine.Sync.ProvisioningState'; Description = 'A state.' })
    Outputs     = @(@{ Type = 'None'; Description = 'Nothing.' })
    Examples    = @(
        @{
            Code    = '$state = Open-ProvisioningState (Join-Path ([IO.Path]::GetTempPath()) ''hr-sync.db''); try { Get-ProvisioningState $state } finally { Close-ProvisioningState $state }'
            Remarks = 'Closes the state whatever happens in the run.'
        }
        @{
            Code    = 'Open-ProvisioningState (Join-Path ([IO.Path]::GetTempPath()) ''hr-sync.db'') | Close-ProvisioningState'
            Remarks = 'Takes the state from the pipeline.'
        }
    )
    Links       = @('Open-ProvisioningState')
}
