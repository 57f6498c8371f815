# Export-ProvisioningReport on a state built by three runs against the local endpoint, checked in a real browser:
# headless Chromium (Debian's chromium package, installed here when missing) with JavaScript off and no network.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-EipModulePath) -Force
    $script:mapping = Get-OwnSamplePath 'AttributeMapping.psd1'
    $script:sample = Get-OwnSamplePath 'workers.csv'
    $script:workers = @(Import-Csv $sample | Group-Object WorkerID | ForEach-Object { $_.Group[0] })

    # The browser: found on the PATH, else installed from Debian's package (as root), else the browser tests skip.
    function Find-Chromium { (Get-Command chromium, chromium-browser -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1).Source }
    $script:chromium = Find-Chromium
    $script:noBrowser = $null
    if (-not $chromium) {
        $apt = Get-Command apt-get -CommandType Application -ErrorAction SilentlyContinue
        $root = $IsLinux -and (& id -u) -eq '0'
        if ($apt -and $root) {
            Write-Host 'ProvisioningReport.Tests: chromium is missing; installing the Debian package (apt-get install -y chromium) for the browser test.'
            & apt-get install -y -qq chromium *> $null
            if ($LASTEXITCODE -ne 0) {
                Write-Host 'ProvisioningReport.Tests: apt-get update, then installing chromium again.'
                & apt-get update -qq *> $null
                & apt-get install -y -qq chromium *> $null
            }
            $script:chromium = Find-Chromium
        }
        if (-not $chromium) {
            $script:noBrowser = "chromium is not installed and could not be installed here ($(if (-not $apt) { 'no apt-get' } elseif (-not $root) { 'apt-get needs root' } else { 'apt-get install -y chromium failed' }))"
        }
    }

    # Chromium with JavaScript off and no network. JavaScript is off by the profile's content setting: Blink's
    # scriptEnabled=false would also stop --dump-dom and --screenshot, which read the page through script themselves.
    # Every request would go to a proxy that does not exist.
    $script:browserProfile = Join-Path $TestDrive 'chromium-profile'
    New-Item -ItemType Directory (Join-Path $browserProfile 'Default') -Force | Out-Null
    '{"profile":{"default_content_setting_values":{"javascript":2}}}' | Set-Content (Join-Path $browserProfile 'Default/Preferences')
    function Invoke-Chromium([string[]] $Arguments) {
        $common = @('--headless', '--disable-gpu', '--no-sandbox', '--no-first-run', '--disable-extensions', "--user-data-dir=$browserProfile",
            '--proxy-server=http://127.0.0.1:9', '--proxy-bypass-list=<-loopback>')
        $output = & $chromium @common @Arguments 2>$null
        $LASTEXITCODE | Should -Be 0 -Because 'chromium loads the page'
        $output -join "`n"
    }

    function ConvertTo-FileUrl([string] $Path) { [uri]::new('file:///' + ($Path -replace '\\', '/').TrimStart('/')).AbsoluteUri }

    function Get-Figures([string] $Dom) {
        $figures = @{}
        foreach ($m in [regex]::Matches($Dom, '<[^>]*?data-figure="([^"]+)"[^>]*?data-value="([^"]*)"')) { $figures[$m.Groups[1].Value] = [double]$m.Groups[2].Value }
        $figures
    }

    function New-Export([object[]] $Rows) {
        $path = Join-Path $TestDrive "workers-$([guid]::NewGuid().ToString('N').Substring(0, 8)).csv"
        $Rows | Export-Csv $path -NoTypeInformation -Encoding utf8NoBOM
        $path
    }

    function Invoke-Sync($State, [string] $Path, [hashtable] $Options = @{}, [hashtable] $SendOptions = @{}) {
        Import-HrCsv $Path -State $State |
            ConvertTo-ScimUser -Mapping $mapping -State $State -ErrorAction SilentlyContinue |
            New-ScimBulkRequest -State $State -Leavers Disable -MaxDisables 50 @Options |
            Send-ScimBulkRequest -State $State -MaxCallsPer5Seconds 0 -ErrorAction SilentlyContinue @SendOptions
    }

    function Wait-Processed($Endpoint) {
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        while ((Invoke-RestMethod "$($Endpoint.Uri)_local/info").pendingUploads -gt 0 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
    }

    $script:ep = Start-ProvisioningEndpoint -ProcessingDelay ([timespan]::FromMilliseconds(20))
    Connect-EntraProvisioning -LocalEndpoint $ep
    Update-ProvisioningSchema -Mapping $mapping -Path $sample -Confirm:$false | Out-Null

    # Day 1: every worker. Day 2: 5 gone, 10 changed, 3 new of whom 2 have no UPN (the service fails their create).
    # Day 3: 4 more changed, sent with a token that may not upload: the first request is refused (403), the rest not sent.
    $script:state = Open-ProvisioningState (Join-Path $TestDrive 'hr-sync.db')
    Invoke-Sync $state $sample | Out-Null
    Wait-Processed $ep
    Get-ProvisioningLog -State $state | Out-Null

    $active = @($workers | Where-Object WorkerStatus -eq 'Active')
    $script:gone = $active[10..14].WorkerID
    $changed = $active[20..29].WorkerID
    $day2 = foreach ($row in $workers) {
        if ($row.WorkerID -in $gone) { continue }
        $copy = $row.PSObject.Copy()
        if ($row.WorkerID -in $changed) { $copy.Department = 'Transformation <b>& Co</b>' }
        $copy
    }
    $script:noUpn = 'NOUPN1', 'NOUPN2'
    $new = foreach ($id in 'NEW1', 'NOUPN1', 'NOUPN2') {
        $copy = $active[1].PSObject.Copy(); $copy.WorkerID = $id; $copy.UserID = $id
        if ($id -like 'NOUPN*') { $copy.UserPrincipalName = '' }
        $copy
    }
    $script:day2Export = New-Export (@($day2) + @($new))
    Invoke-Sync $state $day2Export | Out-Null
    Wait-Processed $ep
    Get-ProvisioningLog -State $state | Out-Null

    $later = @($active[40..43].WorkerID)
    $day3 = foreach ($row in Import-Csv $day2Export) { if ($row.WorkerID -in $later) { $row.JobTitle = 'Senior ' + $row.JobTitle }; $row }
    $script:uploadless = Invoke-RestMethod "$($ep.Uri)_local/tokens" -Method Post -Authentication Bearer -Token $ep.Token -AllowUnencryptedAuthentication `
        -ContentType 'application/json' -Body (@{ roles = @('AuditLog.Read.All') } | ConvertTo-Json)
    Connect-EntraProvisioning -AccessToken (ConvertTo-SecureString $uploadless.access_token -AsPlainText -Force) -Uri $ep.ProvisioningApiEndpoint -WarningAction SilentlyContinue
    $script:day3Results = @(Invoke-Sync $state (New-Export $day3) -Options @{ BatchSize = 2 } -SendOptions @{ ThrottleLimit = 1 })
    Connect-EntraProvisioning -LocalEndpoint $ep

    $script:reportPath = Join-Path $TestDrive 'report.html'
    $script:report = Export-ProvisioningReport -State $state -Path $reportPath -PassThru
    $script:totals = Get-ProvisioningState $state
    $script:runs = @(Get-ProvisioningState $state -Run)
}

AfterAll {
    if ($state) { Close-ProvisioningState $state }
    Disconnect-EntraProvisioning
    Stop-ProvisioningEndpoint $ep
}

Describe 'Export-ProvisioningReport' {
    It 'returns the figures of the state with -PassThru' {
        $runs.Count | Should -Be 3
        $report.Runs.Count | Should -Be 3
        $report.Runs.Id | Should -Be @($runs.Id | Sort-Object)
        $day2 = $report.Runs[1]
        $day2.New, $day2.Changed, $day2.Leavers, $day2.Disables | Should -Be @(3, 10, 5, 5)
        $day2.RequestsAccepted | Should -Be $runs[1].RequestsAccepted
        $day2.WorkersSent | Should -Be 18

        $last = $report.LastRun
        $last.Id | Should -Be $runs[0].Id
        $last.RequestsAccepted, $last.RequestsFailed, $last.RequestsUnknown | Should -Be @(0, 1, 0)
        $day3Results.Status | Should -Be (@('Failed') + @('NotSent') * ($day3Results.Count - 1))
        $last.WorkersSent | Should -Be 2
        $last.WorkersNotSent | Should -Be ($day3Results.ExternalIds.Count - 2)
        $last.Calls | Should -Be 1
        $report.CallsLast24Hours | Should -Be (20 + 1 + 1)
        $report.DailyQuota | Should -Be 2000

        $report.ManagersUnresolved | Should -Be $totals.ManagerUnresolved
        $report.ManagersUnresolved | Should -BeGreaterThan 0
        $report.WaitingForLogEntry | Should -Be $totals.Pending
        $logFailures = @($report.Failures | Where-Object Kind -eq 'log')
        $logFailures.Workers | Should -Be 2
        $logFailures[0].Reason | Should -Be 'AttributeMissing'
        $logFailures[0].Examples[0].Detail | Should -BeLike 'AttributeMissing*userName*'
        $logFailures[0].Examples.ExternalId | Should -Be $noUpn
        $logFailures[0].Examples[0].Source | Should -BeLike "*$([IO.Path]::GetFileName($day2Export)):*"
        $refused = @($report.Failures | Where-Object Kind -eq 'request')
        $refused.Reason | Should -BeLike 'HTTP 403*'
        ($report.Outcomes | Where-Object { $_.Action -eq 'create' -and $_.Status -eq 'failure' }).Workers | Should -Be 2
    }

    It 'writes one page that fetches nothing and holds no secret' {
        $html = Get-Content $reportPath -Raw
        $html | Should -Not -Match '<script|<link|<img|<iframe|\ssrc=|url\('
        $html | Should -Match '<svg id="chart-sent"'
        $html | Should -Not -BeLike "*$(ConvertFrom-SecureString $ep.Token -AsPlainText)*"
        $html | Should -Not -BeLike "*$($uploadless.access_token)*"
        $html | Should -Not -Match 'Bearer|access_token|IDENTITY_HEADER'
        # Escaping of worker data is ProvisioningReportTests.TheHtmlEncodesEveryValueAndFetchesNothing's: the page shows no department.
    }

    It 'writes nothing under -WhatIf' {
        $path = Join-Path $TestDrive 'whatif.html'
        Export-ProvisioningReport $state $path -WhatIf
        $path | Should -Not -Exist
    }

    It 'names the folder that does not exist' {
        { Export-ProvisioningReport $state (Join-Path $TestDrive 'missing/report.html') } | Should -Throw -ErrorId 'ExportProvisioningReportFolderNotFound*'
    }

    It 'shows in the browser, with JavaScript off and no network, the figures of the state' {
        if ($noBrowser) { Set-ItResult -Skipped -Because $noBrowser; return }
        $canary = Join-Path $TestDrive 'canary.html'
        '<html><body><p id="canary">static</p><script>document.getElementById("canary").textContent = "script ran"</script></body></html>' | Set-Content $canary
        Invoke-Chromium @('--dump-dom', (ConvertTo-FileUrl $canary)) | Should -Match '<p id="canary">static</p>' -Because 'JavaScript is off'

        $dom = Invoke-Chromium @('--dump-dom', (ConvertTo-FileUrl $reportPath))
        $dom | Should -Match '<h1>Provisioning report</h1>'
        $figures = Get-Figures $dom
        $last = $runs[0]
        $figures['last-run-id'] | Should -Be $last.Id
        $figures['last-new'] | Should -Be $last.New
        $figures['last-changed'] | Should -Be $last.Changed
        $figures['last-unchanged'] | Should -Be $last.Unchanged
        $figures['last-disables'] | Should -Be $last.Disables
        $figures['last-leavers'] | Should -Be $last.Leavers
        $figures['last-requests-accepted'] | Should -Be $last.RequestsAccepted
        $figures['last-requests-failed'] | Should -Be $last.RequestsFailed
        $figures['last-requests-unknown'] | Should -Be $last.RequestsUnknown
        $figures['last-workers-not-sent'] | Should -Be $report.LastRun.WorkersNotSent
        $figures['last-duration'] | Should -Be ([math]::Round(($last.EndedAt - $last.StartedAt).TotalSeconds))
        $figures['managers'] | Should -Be $totals.ManagerUnresolved
        $figures['waiting'] | Should -Be $totals.Pending
        $figures['state-runs'] | Should -Be $totals.Runs
        $figures['calls-24h'] | Should -Be $report.CallsLast24Hours
        $figures['daily-quota'] | Should -Be 2000

        foreach ($run in $runs) {
            $row = [regex]::Match($dom, "<tr data-run=`"$($run.Id)`">(.*?)</tr>").Groups[1].Value
            $row | Should -Not -BeNullOrEmpty
            $cells = @{}
            foreach ($m in [regex]::Matches($row, 'data-field="(\w+)" data-value="(\d+)"')) { $cells[$m.Groups[1].Value] = [long]$m.Groups[2].Value }
            $cells.New, $cells.Changed, $cells.Disables, $cells.WorkersAccepted | Should -Be @($run.New, $run.Changed, $run.Disables, $run.WorkersAccepted)
        }
        $failure = [regex]::Match($dom, '<tr data-kind="log">(.*?)</tr>').Groups[1].Value
        $failure | Should -Match 'AttributeMissing'
        $failure | Should -Match 'NOUPN1.*NOUPN2'
        $dom | Should -Match '<title id="chart-sent-title">Workers sent per run</title>'
        $dom | Should -Match 'Other jobs'' calls are not known to the module'
    }

    It 'renders in a narrow window and a wide one' {
        if ($noBrowser) { Set-ItResult -Skipped -Because $noBrowser; return }
        foreach ($size in @(@(400, 1400), @(1280, 1600))) {
            $png = Join-Path $TestDrive "report-$($size[0]).png"
            Invoke-Chromium @("--screenshot=$png", "--window-size=$($size[0]),$($size[1])", '--hide-scrollbars', (ConvertTo-FileUrl $reportPath)) | Out-Null
            $png | Should -Exist
            $bytes = [IO.File]::ReadAllBytes($png)
            [Text.Encoding]::ASCII.GetString($bytes, 1, 3) | Should -Be 'PNG'
            # The PNG's width (IHDR) is the window's: the page laid itself out in it.
            ([int]$bytes[16] -shl 24) + ([int]$bytes[17] -shl 16) + ([int]$bytes[18] -shl 8) + [int]$bytes[19] | Should -Be $size[0]
        }
    }
}

Describe 'Export-ProvisioningReport on a state kept in Blob Storage (Azurite)' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'Azurite.psm1') -Force
        $script:azurite = Start-TestAzurite
        if (-not $azurite.Reason) {
            $script:blobSas = New-TestAzuriteSas $azurite -Permissions 'rwdlac'
            $script:blobContainer = New-TestAzuriteContainer $azurite 'states'
            $script:stateUrl = "$blobContainer/daily/hr-sync.db"
            # Two days on the blob state, then the report beside it; then the same blob read as a local file.
            $blobState = Open-ProvisioningState "$stateUrl`?$blobSas"
            try {
                Invoke-Sync $blobState $sample | Out-Null
                Wait-Processed $ep
                Get-ProvisioningLog -State $blobState | Out-Null
                Invoke-Sync $blobState $day2Export | Out-Null
                Wait-Processed $ep
                Get-ProvisioningLog -State $blobState | Out-Null
            } finally { Close-ProvisioningState $blobState }
            $blobState = Open-ProvisioningState "$stateUrl`?$blobSas"
            try { $script:fromBlob = Export-ProvisioningReport $blobState -BesideState -PassThru -InformationVariable script:besideInfo }
            finally { Close-ProvisioningState $blobState }
            $script:localCopy = Join-Path $TestDrive 'blob-copy.db'
            Invoke-WebRequest -Uri "$stateUrl`?$blobSas" -OutFile $localCopy
            $localState = Open-ProvisioningState $localCopy
            try {
                $script:localReportPath = Join-Path $TestDrive 'blob-copy-report.html'
                $script:fromFile = Export-ProvisioningReport $localState $localReportPath -PassThru
            } finally { Close-ProvisioningState $localState }
        }
    }
    AfterAll { Stop-TestAzurite $script:azurite }

    It 'gives the same figures as from a local copy of the blob' {
        if (Skip-WithoutAzurite $azurite) { return }
        $fromBlob.StateLocation | Should -Be $stateUrl
        $fromBlob.Runs.Count | Should -Be 2
        $fromBlob.Runs[1].New, $fromBlob.Runs[1].Changed, $fromBlob.Runs[1].Leavers | Should -Be @(3, 10, 5)
        $fromBlob.Totals.Location | Should -Be $stateUrl
        $figures = { param($r) $r | Select-Object @{ n = 'Totals'; e = { $_.Totals | Select-Object * -ExcludeProperty Location, SizeBytes } }, Runs, LastRun, DailyQuota, CallsLast24Hours, CallsPerDay, Outcomes, WithoutLogEntry, Failures,
            ManagersUnresolved, ManagersUnresolvedExamples, WaitingForLogEntry, WaitingForLogEntryExamples | ConvertTo-Json -Depth 8 }
        & $figures $fromBlob | Should -Be (& $figures $fromFile)
    }

    It 'writes the page as a blob beside the state, with the state''s sign-in, and says where' {
        if (Skip-WithoutAzurite $azurite) { return }
        $reportUrl = "$blobContainer/daily/hr-sync.report.html"
        $fromBlob.Location | Should -Be $reportUrl
        "$besideInfo" | Should -BeLike "*wrote $reportUrl*"
        "$besideInfo" | Should -Not -BeLike '*sig=*'
        $page = Invoke-WebRequest -Uri "$reportUrl`?$blobSas"
        $page.Headers.'Content-Type' | Should -BeLike 'text/html*'
        $html = [Text.Encoding]::UTF8.GetString($page.RawContentStream.ToArray())
        $blobFigures = Get-Figures $html
        $localFigures = Get-Figures (Get-Content $localReportPath -Raw)
        $blobFigures.Count | Should -BeGreaterThan 10
        foreach ($name in $localFigures.Keys) { $blobFigures[$name] | Should -Be $localFigures[$name] -Because $name }
        $html | Should -Not -BeLike "*$blobSas*"
    }

    It 'writes a local state''s report as a file beside it' {
        $folder = New-Item (Join-Path $TestDrive 'beside') -ItemType Directory
        $local = Open-ProvisioningState (Join-Path $folder 'job.db')
        try { $written = Export-ProvisioningReport $local -BesideState -PassThru } finally { Close-ProvisioningState $local }
        $written.Location | Should -Be (Join-Path $folder 'job.report.html')
        $html = Get-Content $written.Location -Raw
        $html | Should -Match '<h1>Provisioning report</h1>'
        # A state no run has used yet says so in words a screen reader reads out, not with empty tables.
        $html | Should -Match '<h2 id="runs-heading">No runs yet</h2>'
        $html | Should -Match '<tr id="no-runs"><td colspan="13">No runs yet'
        $html | Should -Not -Match 'The last 0 runs'
    }
}
