@{
    Synopsis    = 'Forgets workers in a provisioning state, so that the next run sends them again.'
    Description = @'
Clear-ProvisioningState removes the records of the given workers from the state: the next New-ScimBulkRequest -State
sends them as new (with everything they have), whatever changed. Use it after a worker was changed in Entra by hand, or
to send a few workers again on purpose. Workers the state does not hold are counted in a warning.
'@
    Parameters  = @{
        State      = 'The state from Open-ProvisioningState.'
        ExternalId = 'The workers to forget.'
        WhatIf     = 'Shows which workers would be forgotten, without changing the state.'
        Confirm    = 'Asks before forgetting each worker.'
    }
    Inputs      = @(@{ Type = 'System.String'; Description = 'externalIds, by value or by property name.' })
    Outputs     = @(@{ Type = 'None'; Description = 'Nothing.' })
    Examples    = @(
        @{
            Code    = '$state = Open-ProvisioningState (Join-Path ([IO.Path]::GetTempPath()) ''hr-sync.db''); Clear-ProvisioningState $state -ExternalId 105747, 100378 -WhatIf; Close-ProvisioningState $state'
            Remarks = 'Shows what would be forgotten.'
        }
        @{
            Code    = '$state = Open-ProvisioningState (Join-Path ([IO.Path]::GetTempPath()) ''hr-sync.db''); Import-Csv ./samples/workers.csv | Where-Object Department -eq Finance | Clear-ProvisioningState $state -ExternalId { $_.WorkerID } -Confirm:$false -WarningAction SilentlyContinue; Close-ProvisioningState $state'
            Remarks = 'Forgets every worker of one department, so that the next run sends them all again.'
        }
    )
    Links       = @('Get-ProvisioningState', 'Open-ProvisioningState')
}
