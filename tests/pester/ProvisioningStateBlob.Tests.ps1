# The state of a recurring sync kept as a blob (Azurite), against the local endpoint, with the project's sample export.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'Azurite.psm1') -Force
    Import-Module (Get-EipModulePath) -Force
    $script:mapping = Get-OwnSamplePath 'AttributeMapping.psd1'
    $script:sample = Get-OwnSamplePath 'workers.csv'

    $script:azurite = Start-TestAzurite
    if (-not $azurite.Reason) {
        # Read, write, delete, list, add, create: what a state needs (list only for the tests' own checks).
        $script:sas = New-TestAzuriteSas $azurite -Permissions 'rwdlac'
        $script:container = New-TestAzuriteContainer $azurite 'states'
    }

    # A new state's blob URL, without the SAS.
    function New-StateUrl { "$container/hr-sync-$([guid]::NewGuid().ToString('N')).db" }

    function Get-BlobStatus([string] $Url) {
        (Invoke-WebRequest -Method Head -Uri "$Url`?$sas" -SkipHttpErrorCheck).StatusCode
    }

    # Ends the lease a killed run left at once, instead of waiting for it to expire.
    function Clear-Lease([string] $Url) {
        Invoke-WebRequest -Method Put -Uri "$Url`?comp=lease&$sas" -SkipHttpErrorCheck -Headers @{
            'x-ms-lease-action' = 'break'; 'x-ms-lease-break-period' = '0'; 'x-ms-version' = '2021-08-06' } | Out-Null
    }

    function Invoke-Sync($State, [hashtable] $SendOptions = @{}) {
        , @(Import-HrCsv $sample | ConvertTo-ScimUser -Mapping $mapping -ErrorAction SilentlyContinue |
            New-ScimBulkRequest -State $State | Send-ScimBulkRequest -State $State -MaxCallsPer5Seconds 0 @SendOptions)
    }

    # Runs a sync in another process that writes each result's index to $Marker and, after the 3rd request, waits to be killed.
    function Start-ChildSync([string] $StateUri, [string] $Marker, [string] $Send = '') {
        $child = @"
Import-Module '$(Get-EipModulePath)'
Connect-EntraProvisioning -AccessToken (ConvertTo-SecureString '$(ConvertFrom-SecureString $ep.Token -AsPlainText)' -AsPlainText -Force) -Uri '$($ep.ProvisioningApiEndpoint)'
`$state = Open-ProvisioningState '$StateUri'
Import-HrCsv '$sample' | ConvertTo-ScimUser -Mapping '$mapping' -ErrorAction SilentlyContinue | New-ScimBulkRequest -State `$state |
    Send-ScimBulkRequest -State `$state -MaxCallsPer5Seconds 0 $Send | ForEach-Object { Add-Content '$Marker' `$_.Index; if (`$_.Index -eq 3) { Start-Sleep 120 } }
Start-Sleep 120
"@
        Start-Process dotnet -ArgumentList @('pwsh', '-NoProfile', '-NonInteractive', '-Command', $child) -PassThru
    }

    function Wait-Marker([string] $Marker, $Process) {
        try {
            $deadline = [DateTime]::UtcNow.AddSeconds(180)
            while (-not ((Test-Path $Marker) -and @(Get-Content $Marker).Count -ge 3) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
        } finally { $Process.Kill($true); $Process.WaitForExit() }
    }

    $script:ep = Start-ProvisioningEndpoint -ProcessingDelay ([timespan]::FromMilliseconds(20))
    Connect-EntraProvisioning -LocalEndpoint $ep
}

AfterAll {
    Disconnect-EntraProvisioning
    Stop-ProvisioningEndpoint $ep
    Stop-TestAzurite $script:azurite
}

Describe 'A state kept in Blob Storage (Azurite)' {
    It 'keeps a full run in the blob: the next run sends nothing' {
        if (Skip-WithoutAzurite $azurite) { return }
        $url = New-StateUrl
        $state = Open-ProvisioningState "$url`?$sas" -Verbose 4>&1 | Tee-Object -Variable opened | Where-Object { $_ -isnot [Management.Automation.VerboseRecord] }
        try {
            (Invoke-Sync $state).Count | Should -Be 20
        } finally { Close-ProvisioningState $state }
        Get-BlobStatus $url | Should -Be 200
        Get-BlobStatus "$url.journal" | Should -Be 404

        $state = Open-ProvisioningState "$url`?$sas"
        try {
            $state.Location | Should -Be $url
            (Get-ProvisioningState $state).Workers | Should -Be 960
            (Invoke-Sync $state).Count | Should -Be 0
        } finally { Close-ProvisioningState $state }
        ($opened | Out-String) | Should -BeLike "*$url*SAS*"
        Assert-NoSasSignature ($opened | Out-String) $sas
    }

    It 'stops a second open while a run holds the state, saying since when' {
        if (Skip-WithoutAzurite $azurite) { return }
        $url = New-StateUrl
        $state = Open-ProvisioningState "$url`?$sas"
        try {
            $since = $state.Storage.LeasedSince.UtcDateTime.ToString('yyyy-MM-dd HH:mm:ss')
            $other = dotnet pwsh -NoProfile -NonInteractive -Command "Import-Module '$(Get-EipModulePath)'; try { Open-ProvisioningState '$url`?$sas' } catch { `$_.FullyQualifiedErrorId; `$_.Exception.Message; `$_.TargetObject }"
            $other[0] | Should -BeLike 'OpenProvisioningStateLocked*'
            $other[1] | Should -BeLike "*$url*held by another run since $since*"
            Assert-NoSasSignature $other $sas
        } finally { Close-ProvisioningState $state }
        # Closed: the lease is released and the next run opens it.
        $again = Open-ProvisioningState "$url`?$sas"
        Close-ProvisioningState $again
    }

    It 'renews the lease while the state is open, past the lease''s 60 seconds' {
        if (Skip-WithoutAzurite $azurite) { return }
        $url = New-StateUrl
        $state = Open-ProvisioningState "$url`?$sas"
        try {
            Start-Sleep -Seconds 75
            { Open-ProvisioningState "$url`?$sas" } | Should -Throw -ErrorId 'OpenProvisioningStateLocked*'
        } finally { Close-ProvisioningState $state -ErrorVariable failed }
        $failed.Count | Should -Be 0
        Get-BlobStatus $url | Should -Be 200
    }

    It 'replays the journal of a run that was killed before it closed: its accepted workers are there' {
        if (Skip-WithoutAzurite $azurite) { return }
        $url = New-StateUrl
        $marker = Join-Path $TestDrive 'journal.txt'
        Wait-Marker $marker (Start-ChildSync "$url`?$sas" $marker '-MaxRequests 3')
        @(Get-Content $marker).Count | Should -Be 3
        Get-BlobStatus "$url.journal" | Should -Be 200
        { Open-ProvisioningState "$url`?$sas" } | Should -Throw -ErrorId 'OpenProvisioningStateLocked*'
        Clear-Lease $url

        $state = Open-ProvisioningState "$url`?$sas" -Verbose 4>&1 | Tee-Object -Variable opened | Where-Object { $_ -isnot [Management.Automation.VerboseRecord] }
        try {
            ($opened | Out-String) | Should -BeLike "*replayed 3 recorded requests from $url.journal*"
            (Get-ProvisioningState $state).Workers | Should -Be 150
        } finally { Close-ProvisioningState $state }
        Get-BlobStatus "$url.journal" | Should -Be 404
        $state = Open-ProvisioningState "$url`?$sas"
        try { (Get-ProvisioningState $state).Workers | Should -Be 150 } finally { Close-ProvisioningState $state }
    }

    It 'sends only the rest after the process running it was killed after its 3rd accepted request' {
        if (Skip-WithoutAzurite $azurite) { return }
        $url = New-StateUrl
        $marker = Join-Path $TestDrive 'sent.txt'
        Wait-Marker $marker (Start-ChildSync "$url`?$sas" $marker)
        @(Get-Content $marker).Count | Should -Be 3
        Clear-Lease $url

        $state = Open-ProvisioningState "$url`?$sas"
        try {
            $rest = Invoke-Sync $state
            $rest.Count | Should -Be 17
            @($rest.ExternalIds | Sort-Object -Unique).Count | Should -Be 810
            (Get-ProvisioningState $state).Workers | Should -Be 960
        } finally { Close-ProvisioningState $state }
        $state = Open-ProvisioningState "$url`?$sas"
        try { (Invoke-Sync $state).Count | Should -Be 0 } finally { Close-ProvisioningState $state }
    }

    It 'keeps in the journal the requests in flight when the sandbox was killed: their workers wait for the logs' {
        if (Skip-WithoutAzurite $azurite) { return }
        $faults = @{ Uri = "$($ep.Uri)_local/faults"; Method = 'Put'; Authentication = 'Bearer'; Token = $ep.Token; AllowUnencryptedAuthentication = $true; ContentType = 'application/json' }
        # Every answer is held: the service takes each upload, the child never hears back.
        Invoke-RestMethod @faults -Body (@{ rateLimitCalls = 0; dailyQuota = 0; holdRate = 1; holdDelay = '00:05:00' } | ConvertTo-Json) | Out-Null
        $url = New-StateUrl
        $process = Start-ChildSync "$url`?$sas" (Join-Path $TestDrive 'held.txt')
        try {
            $deadline = [DateTime]::UtcNow.AddSeconds(180)
            while ((Invoke-RestMethod "$($ep.Uri)_local/info").quotaUsed -lt 1 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
        } finally {
            $process.Kill($true); $process.WaitForExit()
            $taken = (Invoke-RestMethod "$($ep.Uri)_local/info").quotaUsed
            Invoke-RestMethod @faults -Body (@{ seed = 1 } | ConvertTo-Json) | Out-Null
        }
        $taken | Should -BeGreaterThan 0
        Clear-Lease $url

        $state = Open-ProvisioningState "$url`?$sas"
        try {
            $before = Get-ProvisioningState $state
            $before.Workers | Should -Be 0
            $before.Pending | Should -BeGreaterThan 0
            $rest = Invoke-Sync $state
            @($rest.ExternalIds | Sort-Object -Unique).Count | Should -Be (960 - $before.Pending)
        } finally { Close-ProvisioningState $state }
    }

    It 'does not write over a state that someone changed while it was open, and keeps the journal for the next open' {
        if (Skip-WithoutAzurite $azurite) { return }
        $url = New-StateUrl
        $state = Open-ProvisioningState "$url`?$sas"
        (Invoke-Sync $state -SendOptions @{ MaxRequests = 2; WarningAction = 'SilentlyContinue' }).Count | Should -Be 2
        Clear-Lease $url
        $empty = Join-Path $TestDrive 'empty.db'
        Set-Content $empty '' -NoNewline
        Invoke-WebRequest -Method Put -Uri "$url`?$sas" -InFile $empty -Headers @{ 'x-ms-blob-type' = 'BlockBlob' } | Out-Null

        Close-ProvisioningState $state -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'CloseProvisioningStateConflict*'
        $failed[0].Exception.Message | Should -BeLike "*$url*changed by someone else*$url.journal*"
        Assert-NoSasSignature ($failed | Out-String) $sas
        Get-BlobStatus "$url.journal" | Should -Be 200

        $state = Open-ProvisioningState "$url`?$sas"
        try { (Get-ProvisioningState $state).Workers | Should -Be 100 } finally { Close-ProvisioningState $state }
    }

    It 'says which permissions a SAS lacks, and never shows the SAS' {
        if (Skip-WithoutAzurite $azurite) { return }
        $readOnly = New-TestAzuriteSas $azurite -Permissions 'rl'
        $url = New-StateUrl
        $failure = { Open-ProvisioningState "$url`?$readOnly" } | Should -Throw -ErrorId 'OpenProvisioningStateStorageForbidden*' -PassThru
        $failure.Exception.Message | Should -BeLike '*read, write, create, add and delete*'
        Assert-NoSasSignature ($failure | Out-String), $failure.TargetObject $readOnly
    }

    It 'takes no token over plain http on loopback: a URL there needs a SAS' {
        if (Skip-WithoutAzurite $azurite) { return }
        { Open-ProvisioningState (New-StateUrl) } | Should -Throw -ErrorId 'OpenProvisioningStateStorageNoCredential*' -ExpectedMessage '*SAS*'
    }
}
