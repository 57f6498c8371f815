# The recurring sync against the local endpoint, with the project's sample export (960 distinct workers).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-EipModulePath) -Force
    $script:mapping = Get-OwnSamplePath 'AttributeMapping.psd1'
    $script:sample = Get-OwnSamplePath 'workers.csv'
    # The sample's distinct workers (the first row of each WorkerID, as ConvertTo-ScimUser keeps it).
    $script:workers = @(Import-Csv $sample | Group-Object WorkerID | ForEach-Object { $_.Group[0] })

    function New-Export([object[]] $Rows) {
        $path = Join-Path $TestDrive "export-$([guid]::NewGuid().ToString('N')).csv"
        $Rows | Export-Csv $path -NoTypeInformation -Encoding utf8NoBOM
        $path
    }

    function New-StatePath { Join-Path $TestDrive "state-$([guid]::NewGuid().ToString('N')).db" }

    # One scheduled run; returns the send results, with the run's summary in $script:summary.
    function Invoke-Sync($State, [string] $Path = $sample, $Mapping = $mapping, [hashtable] $Options = @{}, [hashtable] $SendOptions = @{}) {
        $results = Import-HrCsv $Path -State $State |
            ConvertTo-ScimUser -Mapping $Mapping -State $State -ErrorAction SilentlyContinue |
            New-ScimBulkRequest -State $State -InformationVariable info @Options |
            Send-ScimBulkRequest -State $State -MaxCallsPer5Seconds 0 @SendOptions
        $script:summary = $info.MessageData | Select-Object -Last 1
        , @($results)
    }

    # New-ScimBulkRequest -State alone: its requests, its summary and the summary's text as the information stream shows it.
    function Invoke-Import($State, [string] $Path, [hashtable] $Options = @{}) {
        $requests = @(Import-HrCsv $Path | ConvertTo-ScimUser -Mapping $mapping -ErrorAction SilentlyContinue |
            New-ScimBulkRequest -State $State -InformationVariable info @Options)
        [pscustomobject]@{ Requests = $requests; Summary = $info[-1].MessageData; Text = "$($info[-1])" }
    }

    function Wait-Processed($Endpoint) {
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        while ((Invoke-RestMethod "$($Endpoint.Uri)_local/info").pendingUploads -gt 0 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
    }

    function Invoke-Local($Endpoint, [string] $Path, [string] $Method = 'Get', $Body) {
        $arguments = @{ Uri = "$($Endpoint.Uri)$Path"; Method = $Method; Authentication = 'Bearer'; Token = $Endpoint.Token; AllowUnencryptedAuthentication = $true }
        if ($Body) { $arguments.Body = ($Body | ConvertTo-Json); $arguments.ContentType = 'application/json' }
        Invoke-RestMethod @arguments
    }

    $script:ep = Start-ProvisioningEndpoint -ProcessingDelay ([timespan]::FromMilliseconds(20))
    Connect-EntraProvisioning -LocalEndpoint $ep
}

AfterAll {
    Disconnect-EntraProvisioning
    Stop-ProvisioningEndpoint $ep
}

Describe 'Opening a state' {
    It 'opens a state in a fresh process, with SQLite''s native library from the module''s lib/runtimes' {
        $path = New-StatePath
        $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$(Get-EipModulePath)'
`$state = Open-ProvisioningState '$path'
`$version = (Get-ProvisioningState `$state).SchemaVersion
Close-ProvisioningState `$state
`$context = [Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$state.GetType().Assembly).Name
`$native = @((Get-Process -Id `$PID).Modules.FileName | Where-Object { `$_ -like '*e_sqlite3*' })
"`$version;`$context;`$(`$native -join ',')"
"@
        $output = & dotnet pwsh -NoProfile -NonInteractive -Command $script
        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        $version, $context, $native = ($output | Select-Object -Last 1) -split ';'
        $version | Should -Be '2'
        $context | Should -Be 'EntraInboundProvisioning'
        $native | Should -BeLike "*$([IO.Path]::DirectorySeparatorChar)lib$([IO.Path]::DirectorySeparatorChar)runtimes$([IO.Path]::DirectorySeparatorChar)*"
        $path | Should -Exist
    }

    It 'upgrades a state of the previous schema and re-hashes its workers, so that the same input sends nobody again' {
        # Written by release ccde868 (schema 1) from the sample's first five rows, whose users carry a number and a
        # "true"/"false" string: this release tags those in the hash.
        $path = New-StatePath
        Copy-Item (Join-Path $PSScriptRoot 'fixtures/state-schema1-ccde868.db') $path
        $five = New-Export (Import-Csv $sample | Select-Object -First 5)
        $state = Open-ProvisioningState $path -InformationVariable opened
        try {
            "$($opened[-1])" | Should -BeLike '*upgraded from schema version 1 to 2; 5 stored hashes were recomputed*'
            (Get-ProvisioningState $state).Workers | Should -Be 5
            $sent = Invoke-Sync $state -Path $five -Mapping (Join-Path $PSScriptRoot 'fixtures/TaggedValues.psd1')
            $sent.Count | Should -Be 0
            $summary.Unchanged | Should -Be 5
            $summary.Changed | Should -Be 0
        } finally { Close-ProvisioningState $state }
        $state = Open-ProvisioningState $path -InformationVariable again
        Close-ProvisioningState $state
        $again | Should -BeNullOrEmpty
    }

    It 'refuses a second open of the same file while the first holds it' {
        $path = New-StatePath
        $state = Open-ProvisioningState $path
        try {
            $other = dotnet pwsh -NoProfile -NonInteractive -Command "Import-Module '$(Get-EipModulePath)'; try { Open-ProvisioningState '$path' } catch { `$_.FullyQualifiedErrorId }"
            $other | Should -BeLike 'OpenProvisioningStateLocked*'
        } finally { Close-ProvisioningState $state }
    }

    It 'says that a path is a folder, naming it, and that this session already has a file open' {
        $folder = Join-Path $TestDrive 'states'
        New-Item -ItemType Directory $folder | Out-Null
        $err = { Open-ProvisioningState $folder } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'OpenProvisioningStatePathIsFolder,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.Message | Should -BeLike "*'$folder' is a folder*Name a file in it*"

        $path = New-StatePath
        $state = Open-ProvisioningState $path
        try {
            $err = { Open-ProvisioningState $path } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'OpenProvisioningStateAlreadyOpen,*'
            $err.Exception.Message | Should -BeLike '*already open in this PowerShell session*Close-ProvisioningState*'
            $err.TargetObject | Should -Be $state
        } finally { Close-ProvisioningState $state }
        $state = Open-ProvisioningState $path
        Close-ProvisioningState $state
    }

    It 'creates nothing under -WhatIf' {
        $path = New-StatePath
        $state = Open-ProvisioningState $path -WhatIf
        try {
            $state.IsTransient | Should -BeTrue
            $path | Should -Not -Exist
        } finally { Close-ProvisioningState $state }
    }
}

Describe 'A recurring sync' {
    BeforeAll {
        Invoke-Local $ep '_local/reset' -Method Post | Out-Null
        $script:state = Open-ProvisioningState (New-StatePath)
    }
    AfterAll { Close-ProvisioningState $state }

    It 'run 1 sends every distinct worker' {
        $results = Invoke-Sync $state
        $results.Count | Should -Be 20
        @($results | Where-Object Status -ne 'Accepted').Count | Should -Be 0
        @($results.ExternalIds | Sort-Object -Unique).Count | Should -Be 960
        $summary.New | Should -Be 960
        (Get-ProvisioningState $state).Workers | Should -Be 960
    }

    It 'run 2 on the same export sends nothing' {
        (Invoke-Sync $state).Count | Should -Be 0
        $summary.Unchanged | Should -Be 960
        $summary.Requests | Should -Be 0
    }

    It 'previews with -WhatIf and changes nothing' {
        $rows = $workers | Select-Object -Skip 1
        $before = Get-ProvisioningState $state
        $calls = (Invoke-Local $ep '_local/info').quotaUsed
        $whatIf = Import-HrCsv (New-Export $rows) | ConvertTo-ScimUser -Mapping $mapping |
            New-ScimBulkRequest -State $state -Leavers Disable -InformationVariable info -WhatIf 6>&1 | Out-String
        # A preview hands out no requests, so that nothing downstream sends them.
        $sent = Import-HrCsv (New-Export $rows) | ConvertTo-ScimUser -Mapping $mapping |
            New-ScimBulkRequest -State $state -Leavers Disable -WhatIf | Send-ScimBulkRequest -State $state
        $sent | Should -BeNullOrEmpty
        (Invoke-Local $ep '_local/info').quotaUsed | Should -Be $calls
        $info.MessageData.Preview | Should -BeTrue
        $info.MessageData.Leavers | Should -Be 1
        $after = Get-ProvisioningState $state
        $after.Runs | Should -Be $before.Runs
        $after.Active | Should -Be $before.Active
    }

    It 'run 3 with 10 changed, 5 removed and 3 added sends exactly those 18 in one request' {
        $active = @($workers | Where-Object WorkerStatus -eq 'Active')
        $removed = $active[100..104].WorkerID
        $changed = $active[200..209].WorkerID
        $rows = foreach ($row in $workers) {
            if ($row.WorkerID -in $removed) { continue }
            $copy = $row.PSObject.Copy()
            if ($row.WorkerID -in $changed) { $copy.JobTitle = 'Principal ' + $row.JobTitle }
            $copy
        }
        $added = foreach ($n in 1..3) {
            $copy = $workers[$n].PSObject.Copy()
            $copy.WorkerID = "NEW$n"; $copy.UserID = "NEW$n"
            $copy
        }
        $results = Invoke-Sync $state -Path (New-Export (@($rows) + @($added))) -Options @{ Leavers = 'Disable' }

        $results.Count | Should -Be 1
        $results[0].Count | Should -Be 18
        @($results[0].ExternalIds | Sort-Object) | Should -Be @(@($changed) + @($removed) + @('NEW1', 'NEW2', 'NEW3') | Sort-Object)
        $summary.New, $summary.Changed, $summary.Leavers, $summary.Disables | Should -Be @(3, 10, 5, 5)
        $summary.ChangedAttributes.Keys | Should -Be @('title')
        Wait-Processed $ep
        $directory = Invoke-Local $ep '_local/directory'
        @($directory | Where-Object { $_.ExternalId -in $removed -and -not $_.Active }).Count | Should -Be 5
        (Get-ProvisioningState $state -ExternalId $removed[0]).Active | Should -BeFalse
        (Get-ProvisioningState $state -ExternalId $removed[0]).Json | Should -BeLike '*"department"*'
    }

    It 'stops with the disable guard, sending nothing, when the export is cut to half' {
        $sent = [Collections.Generic.List[object]]::new()
        { Import-HrCsv (New-Export ($workers | Select-Object -First 480)) | ConvertTo-ScimUser -Mapping $mapping |
            New-ScimBulkRequest -State $state -Leavers Disable | Send-ScimBulkRequest -State $state | ForEach-Object { $sent.Add($_) } } |
            Should -Throw -ErrorId 'NewScimBulkRequestDisableGuard*' -ExpectedMessage '*would disable 4*-OverrideDisableGuard*'
        $sent.Count | Should -Be 0
    }

    It 'stops with the disable guard when a mapping turns every worker inactive' {
        $inactive = Import-PowerShellDataFile $mapping
        $inactive.active = { $false }
        $sent = [Collections.Generic.List[object]]::new()
        { Import-HrCsv $sample | ConvertTo-ScimUser -Mapping $inactive -ErrorAction SilentlyContinue |
            New-ScimBulkRequest -State $state | Send-ScimBulkRequest -State $state | ForEach-Object { $sent.Add($_) } } |
            Should -Throw -ErrorId 'NewScimBulkRequestDisableGuard*' -ExpectedMessage '*whose active turns false*'
        $sent.Count | Should -Be 0
    }

    It 'never takes a worker whose row was rejected upstream for a leaver (-State upstream: <Upstream>)' -ForEach @(@{ Upstream = $true }, @{ Upstream = $false }) {
        $failing = Import-PowerShellDataFile $mapping
        $victim = $workers[300].WorkerID
        $failing.title = [scriptblock]::Create("if (`$_.WorkerID -eq '$victim') { throw 'no title' } else { `$_.JobTitle }")
        $export = New-Export ($workers | Where-Object WorkerID -notin 'NEW1', 'NEW2', 'NEW3')
        # Without -State upstream (the documented pattern), the rejections go to the states open in this session.
        $upstream = if ($Upstream) { @{ State = $state } } else { @{} }
        Import-HrCsv $export @upstream | ConvertTo-ScimUser -Mapping $failing @upstream -ErrorAction SilentlyContinue |
            New-ScimBulkRequest -State $state -Leavers Disable -InformationVariable info | Out-Null
        $info.MessageData.Rejected | Should -Be 1
        # The three workers added in run 3 are leavers now; the worker whose row failed is not.
        $info.MessageData.Leavers | Should -Be @($workers[1..3] | Where-Object WorkerStatus -eq 'Active').Count
    }

    It 'withholds every leaver, with a warning, when CSV rows were rejected before their externalId was known' {
        $export = New-Export ($workers | Select-Object -First 950)
        Add-Content $export 'a row,"with an unclosed quote'
        Import-HrCsv $export -State $state -ErrorAction SilentlyContinue | ConvertTo-ScimUser -Mapping $mapping -State $state |
            New-ScimBulkRequest -State $state -Leavers Disable -InformationVariable info -WarningVariable warned -WarningAction SilentlyContinue | Out-Null
        $info.MessageData.LeaversWithheld | Should -BeTrue
        $info.MessageData.Disables | Should -Be 0
        $warned | Should -BeLike '*rejected before their externalId was known*'
    }
}

Describe 'Resuming' {
    It 'sends only the rest after a run stopped after its 3rd accepted request' {
        $state = Open-ProvisioningState (New-StatePath)
        try {
            $first = Invoke-Sync $state -SendOptions @{ MaxRequests = 3 } -WarningAction SilentlyContinue
            $first.Count | Should -Be 3
            $rest = Invoke-Sync $state
            $rest.Count | Should -Be 17
            @($rest.ExternalIds | Where-Object { $_ -in $first.ExternalIds }).Count | Should -Be 0
            @(@($first.ExternalIds) + @($rest.ExternalIds) | Sort-Object -Unique).Count | Should -Be 960
        } finally { Close-ProvisioningState $state }
    }

    It 'sends only the rest after the process running it was killed' {
        $path = New-StatePath
        $marker = Join-Path $TestDrive 'sent.txt'
        $scratch = Join-Path $TestDrive 'scratch.txt'
        $child = @"
Import-Module '$(Get-EipModulePath)'
`$ep = [pscustomobject]@{ Uri = '$($ep.Uri)' }
Connect-EntraProvisioning -AccessToken (ConvertTo-SecureString '$(ConvertFrom-SecureString $ep.Token -AsPlainText)' -AsPlainText -Force) -Uri '$($ep.ProvisioningApiEndpoint)'
`$state = Open-ProvisioningState '$path'
Set-Content '$scratch' (Get-ChildItem ([IO.Path]::GetTempPath()) -Filter "eip-stage-`$PID-*.db").FullName, `$PID
Import-HrCsv '$sample' | ConvertTo-ScimUser -Mapping '$mapping' -ErrorAction SilentlyContinue | New-ScimBulkRequest -State `$state |
    Send-ScimBulkRequest -State `$state -MaxCallsPer5Seconds 0 | ForEach-Object { Add-Content '$marker' `$_.Index; if (`$_.Index -eq 3) { Start-Sleep 60 } }
"@
        $process = Start-Process dotnet -ArgumentList @('pwsh', '-NoProfile', '-NonInteractive', '-Command', $child) -PassThru
        try {
            $deadline = [DateTime]::UtcNow.AddSeconds(120)
            while (-not ((Test-Path $marker) -and @(Get-Content $marker).Count -ge 3) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
        } finally { $process.Kill($true); $process.WaitForExit() }
        @(Get-Content $marker).Count | Should -Be 3
        # The killed run's scratch database is left behind (unless another process's open removed it already); the next
        # open removes it. Kill ends the process tree: wait until the process that made it is gone, not only the root.
        $leaked, $childId = Get-Content $scratch
        $leaked | Should -BeLike '*eip-stage-*.db'
        while ((Get-Process -Id $childId -ErrorAction SilentlyContinue) -and [DateTime]::UtcNow -lt $deadline.AddSeconds(60)) { Start-Sleep -Milliseconds 100 }

        $state = Open-ProvisioningState $path
        $leaked | Should -Not -Exist
        try {
            $rest = Invoke-Sync $state
            $rest.Count | Should -Be 17
            (Get-ProvisioningState $state).Workers | Should -Be 960
            (Get-ProvisioningState $state -Run)[1].Status | Should -Be 'interrupted'
        } finally { Close-ProvisioningState $state }
    }

    It 'records each 202 as it arrives, so that a kill behind a slow request loses none that came after it' {
        $path = New-StatePath
        # Seed 94 holds the 7th call's answer (the upload is applied, its 202 is held) and answers the 8th and 9th at once:
        # requests 7, 8 and 9 are the sample's one wave of three, so 8 and 9 are accepted while 7 is in flight.
        Invoke-Local $ep '_local/faults' -Method Put -Body @{ rateLimitCalls = 0; dailyQuota = 0; seed = 94; holdRate = 0.2; holdDelay = '00:05:00' } | Out-Null
        $child = @"
Import-Module '$(Get-EipModulePath)'
Connect-EntraProvisioning -AccessToken (ConvertTo-SecureString '$(ConvertFrom-SecureString $ep.Token -AsPlainText)' -AsPlainText -Force) -Uri '$($ep.ProvisioningApiEndpoint)'
`$state = Open-ProvisioningState '$path'
Import-HrCsv '$sample' | ConvertTo-ScimUser -Mapping '$mapping' -ErrorAction SilentlyContinue | New-ScimBulkRequest -State `$state |
    Send-ScimBulkRequest -State `$state -MaxCallsPer5Seconds 0 | Out-Null
"@
        $process = Start-Process dotnet -ArgumentList @('pwsh', '-NoProfile', '-NonInteractive', '-Command', $child) -PassThru
        try {
            $deadline = [DateTime]::UtcNow.AddSeconds(120)
            while ((Invoke-RestMethod "$($ep.Uri)_local/info").quotaUsed -lt 9 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
            # The 8th and 9th answers came at once; give the child a moment to commit them.
            Start-Sleep -Seconds 5
        } finally {
            $process.Kill($true); $process.WaitForExit()
            Invoke-Local $ep '_local/faults' -Method Put -Body @{ seed = 1 } | Out-Null
        }

        $state = Open-ProvisioningState $path
        try {
            (Get-ProvisioningState $state -Run)[0].RequestsAccepted | Should -Be 8
            # The held request was recorded as in flight before it went out: the service has its 50 workers, so they wait
            # for the logs (pending) instead of being sent again.
            (Get-ProvisioningState $state).Pending | Should -Be 50
            $rest = Invoke-Sync $state
            # Only the 11 requests never sent.
            @($rest.ExternalIds).Count | Should -Be (960 - 9 * 50)
            (Get-ProvisioningState $state).Workers | Should -Be 910
            $summary.Pending | Should -Be 50
            (Get-ProvisioningState $state -Run)[1].Status | Should -Be 'interrupted'
        } finally { Close-ProvisioningState $state }
    }

    Context 'a send ended while requests wait for their answers' {
        BeforeEach {
            # An endpoint of its own, so that its logs hold only this test's uploads.
            $script:shared = $ep
            $script:ep = Start-ProvisioningEndpoint -ProcessingDelay ([timespan]::FromMilliseconds(20))
            Connect-EntraProvisioning -LocalEndpoint $ep
            # Every answer is held: the requests in flight stay in flight until the pipeline ends.
            Invoke-Local $ep '_local/faults' -Method Put -Body @{ rateLimitCalls = 0; dailyQuota = 0; holdRate = 1; holdDelay = '00:00:30' } | Out-Null
        }
        AfterEach {
            Stop-ProvisioningEndpoint $ep
            $script:ep = $shared
            Connect-EntraProvisioning -LocalEndpoint $ep
        }
        BeforeAll {
            # Every worker the service took is either accepted or pending in the state, the rerun sends the rest, and no
            # worker reaches the service twice.
            function Assert-NothingLost($State) {
                $taken = (Invoke-RestMethod "$($ep.Uri)_local/info").quotaUsed
                $taken | Should -BeGreaterThan 0
                $before = Get-ProvisioningState $State
                $before.Pending | Should -BeGreaterThan 0
                Invoke-Local $ep '_local/faults' -Method Put -Body @{ rateLimitCalls = 0; dailyQuota = 0 } | Out-Null
                $rest = Invoke-Sync $State
                @($rest.ExternalIds).Count | Should -Be (960 - $before.Workers - $before.Pending)
                $summary.Pending | Should -Be $before.Pending
                Wait-Processed $ep
                $twice = @(Get-ProvisioningLog | Group-Object { $_.ExternalId ?? $_.SourceIdentity.Id } | Where-Object Count -gt 1)
                $twice.Count | Should -Be 0 -Because 'bulkUpload has no idempotency key: a worker the service took must not be sent again'
            }
        }


        It 'keeps the requests in flight at Ctrl+C as pending, so the next run does not send them again' {
            $state = Open-ProvisioningState (New-StatePath)
            try {
                $shell = [powershell]::Create()
                $null = $shell.AddScript({ param($state, $sample, $mapping, $ep, $module)
                    Import-Module $module
                    Connect-EntraProvisioning -LocalEndpoint $ep
                    Import-HrCsv $sample | ConvertTo-ScimUser -Mapping $mapping -ErrorAction SilentlyContinue | New-ScimBulkRequest -State $state |
                        Send-ScimBulkRequest -State $state -MaxCallsPer5Seconds 0
                }).AddArgument($state).AddArgument($sample).AddArgument($mapping).AddArgument($ep).AddArgument((Get-EipModulePath))
                $running = $shell.BeginInvoke()
                $deadline = [DateTime]::UtcNow.AddSeconds(120)
                while ((Invoke-RestMethod "$($ep.Uri)_local/info").quotaUsed -lt 1 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
                $shell.Stop()
                $shell.InvocationStateInfo.State | Should -Be 'Stopped'
                $shell.Dispose()
                Assert-NothingLost $state
            } finally { Close-ProvisioningState $state }
        }

        It 'keeps the requests in flight at a terminating error as pending, so the next run does not send them again' {
            $state = Open-ProvisioningState (New-StatePath)
            try {
                $requests = Import-HrCsv $sample | ConvertTo-ScimUser -Mapping $mapping -ErrorAction SilentlyContinue | New-ScimBulkRequest -State $state
                {
                    & {
                        $requests[0]
                        $deadline = [DateTime]::UtcNow.AddSeconds(120)
                        while ((Invoke-RestMethod "$($ep.Uri)_local/info").quotaUsed -lt 1 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
                        Write-Error 'The export broke.' -ErrorAction Stop
                    } | Send-ScimBulkRequest -State $state -MaxCallsPer5Seconds 0
                } | Should -Throw 'The export broke.'
                Assert-NothingLost $state
            } finally { Close-ProvisioningState $state }
        }
    }
}

Describe 'Unanswered requests' {
    It 'does not send again a leaver whose disable got no answer, and the summary says what waits for the logs' {
        $state = Open-ProvisioningState (New-StatePath)
        try {
            $forty = New-Export ($workers | Select-Object -First 40)
            (Invoke-Sync $state -Path $forty).Status | Should -Be 'Accepted'
            $leaver = ($workers | Select-Object -First 40 | Where-Object WorkerStatus -eq 'Active' | Select-Object -Last 1).WorkerID
            $stayers = New-Export ($workers | Select-Object -First 40 | Where-Object WorkerID -ne $leaver)
            # The service takes the disable, then a gateway answers 504: the run cannot know.
            Invoke-Local $ep '_local/faults' -Method Put -Body @{ rateLimitCalls = 0; dailyQuota = 0; gatewayTimeoutRate = 1 } | Out-Null
            try {
                $unknown = Invoke-Sync $state -Path $stayers -Options @{ Leavers = 'Disable'; OverrideDisableGuard = $true } -SendOptions @{ ErrorAction = 'SilentlyContinue' }
            } finally { Invoke-Local $ep '_local/faults' -Method Put -Body @{ seed = 1 } | Out-Null }
            $unknown.Status | Should -Be 'Unknown'
            $unknown.ExternalIds | Should -Be $leaver

            $again = Invoke-Import $state $stayers @{ Leavers = 'Disable'; OverrideDisableGuard = $true }
            $again.Requests.Count | Should -Be 0
            $again.Summary.Pending | Should -Be 1
            $again.Summary.UnknownRequests | Should -Be 1
            $again.Text | Should -BeLike '*1 pending (1 unanswered requests waiting for the logs)*'
        } finally { Close-ProvisioningState $state }
    }
}

Describe 'Scopes' {
    It 'keeps two exports on one state from disabling each other' {
        $state = Open-ProvisioningState (New-StatePath)
        try {
            $employees = New-Export ($workers | Where-Object WorkerType -eq 'Employee')
            $others = New-Export ($workers | Where-Object WorkerType -ne 'Employee')
            (Invoke-Sync $state -Path $employees -Options @{ Scope = 'employees'; Leavers = 'Disable' }).ExternalIds.Count | Should -Be 771
            (Invoke-Sync $state -Path $others -Options @{ Scope = 'others'; Leavers = 'Disable' }).ExternalIds.Count | Should -Be 189
            # Employees sent before their manager (in the other export) was known are sent once more; nobody is disabled.
            $resent = Invoke-Sync $state -Path $employees -Options @{ Scope = 'employees'; Leavers = 'Disable' }
            $summary.Leavers, $summary.Disables, $summary.New, $summary.Changed | Should -Be @(0, 0, 0, 0)
            @($resent.ExternalIds).Count | Should -Be $summary.ManagerResolved
            (Invoke-Sync $state -Path $others -Options @{ Scope = 'others'; Leavers = 'Disable' }).Count | Should -Be 0
            $summary.Leavers | Should -Be 0
            (Invoke-Sync $state -Path $employees -Options @{ Scope = 'employees'; Leavers = 'Disable' }).Count | Should -Be 0
            (Get-ProvisioningState $state).Scopes['others'] | Should -Be 189
        } finally { Close-ProvisioningState $state }
    }
}

Describe 'Managers first' {
    BeforeAll {
        $ids = [Collections.Generic.HashSet[string]]::new([string[]]$workers.WorkerID)
        # Workers whose manager is not in the file: ordering cannot help them.
        $script:outside = @($workers | Where-Object { $_.ManagerID -and -not $ids.Contains($_.ManagerID) }).Count
        $script:managersOutside = @($workers | Where-Object { $_.ManagerID -and -not $ids.Contains($_.ManagerID) } | Select-Object -ExpandProperty ManagerID -Unique).Count
    }

    It 'leaves ManagerNotFound only for the <managersOutside> managers not in the file, with a state and with -ManagersFirst' {
        $managersOutside | Should -Be 12
        foreach ($run in 'State', 'ManagersFirst', 'ManagersFirst through -OutFolder files') {
            Invoke-Local $ep '_local/reset' -Method Post | Out-Null
            $started = [DateTimeOffset]::UtcNow.AddSeconds(-5)
            if ($run -eq 'State') {
                $state = Open-ProvisioningState (New-StatePath)
                try { Invoke-Sync $state | Out-Null } finally { Close-ProvisioningState $state }
            } elseif ($run -eq 'ManagersFirst') {
                Import-HrCsv $sample | ConvertTo-ScimUser -Mapping $mapping -ErrorAction SilentlyContinue | New-ScimBulkRequest -ManagersFirst |
                    Send-ScimBulkRequest -MaxCallsPer5Seconds 0 | Out-Null
            } else {
                # The files keep each request's wave in their name, so that a later send keeps managers first.
                $folder = Join-Path $TestDrive 'managers-first'
                Import-HrCsv $sample | ConvertTo-ScimUser -Mapping $mapping -ErrorAction SilentlyContinue |
                    New-ScimBulkRequest -ManagersFirst -OutFolder $folder -Force | Out-Null
                @(Get-ChildItem $folder -Filter 'bulk-*.w*.json').Count | Should -BeGreaterThan 0
                Get-ChildItem $folder | Send-ScimBulkRequest -MaxCallsPer5Seconds 0 | Out-Null
            }
            Wait-Processed $ep
            $warnings = @(Get-ProvisioningLog -Since $started -Status warning | Where-Object ErrorCode -eq 'ManagerNotFound')
            $warnings.Count | Should -Be $outside -Because "$run sends managers first"
        }
    }
}

Describe 'Logs into state' {
    It 'records each worker''s outcome and sends again only what failed' {
        Invoke-Local $ep '_local/reset' -Method Post | Out-Null
        # The job's schema gets the mapping's custom attributes first, as an admin does; else every entry warns of them.
        Update-ProvisioningSchema -Mapping $mapping -Path $sample -Confirm:$false | Out-Null
        $state = Open-ProvisioningState (New-StatePath)
        try {
            Invoke-Sync $state | Out-Null
            Wait-Processed $ep
            Get-ProvisioningLog -State $state | Out-Null
            $totals = Get-ProvisioningState $state
            $totals.LogsReadUntil | Should -Not -BeNullOrEmpty
            $totals.Warnings | Should -Be $outside
            $first = Get-ProvisioningState $state -ExternalId $workers[0].WorkerID
            $first.Outcome | Should -BeIn 'success', 'warning'
            $first.OutcomeAction | Should -Be 'create'
            (Invoke-Sync $state).Count | Should -Be 0

            Clear-ProvisioningState $state -ExternalId $workers[0].WorkerID, $workers[1].WorkerID -Confirm:$false
            $again = Invoke-Sync $state
            @($again.ExternalIds | Sort-Object) | Should -Be @($workers[0].WorkerID, $workers[1].WorkerID | Sort-Object)
        } finally { Close-ProvisioningState $state }
    }
}

Describe 'Outcomes the logs give' {
    BeforeAll {
        # Twenty active workers of the sample: the five leavers below must be active in the state to be disabled.
        $script:twenty = @($workers | Where-Object WorkerStatus -eq 'Active' | Select-Object -First 20)
        $script:leaving = @($twenty | Select-Object -First 5 | ForEach-Object WorkerID | Sort-Object)
    }

    BeforeEach {
        Wait-Processed $ep
        Invoke-Local $ep '_local/reset' -Method Post | Out-Null
    }

    It 'records the outcome of every entry since the mark when -Status picks only some for the pipeline' {
        $state = Open-ProvisioningState (New-StatePath)
        try {
            Invoke-Sync $state -Path (New-Export $twenty) | Out-Null
            Wait-Processed $ep
            @(Get-ProvisioningLog -State $state -Status failure) | Should -BeNullOrEmpty
            (Get-ProvisioningState $state -ExternalId $twenty[0].WorkerID).Outcome | Should -BeIn 'success', 'warning'
            (Get-ProvisioningState $state).AwaitingOutcome | Should -Be 0
        } finally { Close-ProvisioningState $state }
    }

    It 'sends again the disables that the deletion threshold held and a plain restart discarded' {
        Invoke-Local $ep '_local/settings' -Method Put -Body @{ deletionThreshold = 3 } | Out-Null
        $state = Open-ProvisioningState (New-StatePath)
        try {
            Invoke-Sync $state -Path (New-Export $twenty) | Out-Null
            Wait-Processed $ep
            $export = New-Export ($twenty | Where-Object WorkerID -notin $leaving)
            $disable = @{ Leavers = 'Disable'; MaxDisables = 10; MaxDisablesPercent = 100 }
            $sent = Invoke-Sync $state -Path $export -Options $disable
            @($sent.ExternalIds | Sort-Object) | Should -Be $leaving
            Wait-Processed $ep
            (Get-ProvisioningJob).QuarantineReason | Should -Be 'TooManyDeletes'
            Restart-ProvisioningJob -Confirm:$false

            @(Get-ProvisioningLog -State $state -Action stagedDelete).Count | Should -Be 5
            $held = Get-ProvisioningState $state -ExternalId $leaving[0]
            $held.OutcomeAction | Should -Be 'stagedDelete'
            $held.Active | Should -BeTrue -Because 'the disable was not applied: the worker is still active in Entra'
            (Get-ProvisioningState $state).DisablesNotApplied | Should -Be 5

            $again = Invoke-Sync $state -Path $export -Options $disable -SendOptions @{ WarningAction = 'SilentlyContinue' }
            @($again.ExternalIds | Sort-Object) | Should -Be $leaving
            $summary.DisablesNotApplied | Should -Be 5
            $summary.Disables | Should -Be 5
            ($summary | Out-String) | Should -Match 'Disables\s+: 5 \(5 not applied last time\)'
        } finally {
            Close-ProvisioningState $state
            Invoke-Local $ep '_local/settings' -Method Put -Body @{ deletionThreshold = 0 } | Out-Null
        }
    }
}
