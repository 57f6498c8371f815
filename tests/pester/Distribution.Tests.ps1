# The module as admins get it: the zip that Azure Automation imports (with the sample runbook run as Automation runs
# it) and the package that the PowerShell Gallery serves (published, saved and imported by name in a fresh session).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-EipModulePath) -Force
    $script:moduleFolder = Split-Path (Get-EipModulePath)
    $script:workers = Get-OwnSamplePath 'workers.csv'
    $script:mapping = Get-OwnSamplePath 'AttributeMapping.psd1'
    $script:runbook = Get-OwnSamplePath 'Sync-HrToEntra.runbook.ps1'
    $script:newZip = Join-Path (Get-RepoRoot) 'tools/New-AutomationZip.ps1'

    # What the sample pipeline gives in this session, to compare with what the packaged module does elsewhere.
    $script:users = @(Import-HrCsv $workers | ConvertTo-ScimUser -Mapping $mapping -ErrorAction SilentlyContinue -ErrorVariable mapErrors)
    $script:mapErrors = @($mapErrors)
    $script:requests = @($users | New-ScimBulkRequest)

    # Runs pwsh in a process of its own (nothing of this session but the environment variables, as Azure Automation or
    # a new console would); $Environment is set for that process only.
    function Invoke-FreshPwsh([string[]] $Arguments, [hashtable] $Environment = @{}) {
        $saved = @{}
        foreach ($name in $Environment.Keys) {
            $saved[$name] = [Environment]::GetEnvironmentVariable($name)
            [Environment]::SetEnvironmentVariable($name, $Environment[$name])
        }
        try {
            $errorFile = Join-Path $TestDrive "stderr-$([guid]::NewGuid().ToString('N')).txt"
            $output = & dotnet pwsh -NoProfile -NonInteractive @Arguments 2> $errorFile
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = @($output); Errors = Get-Content $errorFile -Raw }
        }
        finally {
            foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        }
    }

    function Get-ZipEntryName([string] $Zip) {
        $archive = [IO.Compression.ZipFile]::OpenRead($Zip)
        try { $archive.Entries.FullName } finally { $archive.Dispose() }
    }
}

Describe 'The Azure Automation zip' {
    BeforeAll {
        $script:zip = & $newZip -ModuleFolder $moduleFolder -Destination (Join-Path $TestDrive 'EntraInboundProvisioning.zip')
        $script:entries = @(Get-ZipEntryName $zip.FullName)
        $script:unpacked = Join-Path $TestDrive 'automation-modules'
        [IO.Compression.ZipFile]::ExtractToDirectory($zip.FullName, $unpacked)
    }

    It 'holds one folder named like the module, with the manifest of that name, under 100 MB' {
        $zip.Name | Should -Be 'EntraInboundProvisioning.zip'
        $zip.Length | Should -BeLessThan 100MB
        $entries | Where-Object { -not $_.StartsWith('EntraInboundProvisioning/') } | Should -BeNullOrEmpty
        $entries | Where-Object { $_.Contains('\') } | Should -BeNullOrEmpty
        $entries | Should -Contain 'EntraInboundProvisioning/EntraInboundProvisioning.psd1'
        $entries | Should -Contain 'EntraInboundProvisioning/EntraInboundProvisioning.dll'
        $entries | Should -Contain 'EntraInboundProvisioning/lib/EntraInboundProvisioning.Engine.dll'
        $entries | Should -Contain 'EntraInboundProvisioning/en-US/EntraInboundProvisioning.dll-Help.xml'
        $entries | Should -Contain 'EntraInboundProvisioning/endpoint/EntraInboundProvisioning.LocalEndpoint.dll'
    }

    It 'holds no native executable of Linux or macOS (the Automation runtime is Windows x64)' {
        $native = Get-ChildItem $unpacked -Recurse -File | Where-Object {
            $head = [byte[]]::new(4)
            $stream = [IO.File]::OpenRead($_.FullName)
            try { $null = $stream.Read($head, 0, 4) } finally { $stream.Dispose() }
            $magic = [BitConverter]::ToString($head)
            $magic -eq '7F-45-4C-46' -or $magic -in 'CF-FA-ED-FE', 'CE-FA-ED-FE', 'FE-ED-FA-CF', 'FE-ED-FA-CE'
        }
        $native | Should -BeNullOrEmpty
    }

    It 'keeps the win and win-x64 runtimes of dependencies and leaves the other platforms'' out' {
        $module = New-Item (Join-Path $TestDrive 'rids/EntraInboundProvisioning') -ItemType Directory
        Copy-Item (Get-EipModulePath) $module
        foreach ($file in 'lib/runtimes/win-x64/native/e_sqlite3.dll', 'lib/runtimes/win/lib/net8.0/A.dll', 'lib/runtimes/linux-x64/native/libe_sqlite3.so',
            'lib/runtimes/osx-arm64/native/libe_sqlite3.dylib', 'lib/runtimes/win-arm64/native/e_sqlite3.dll', 'lib/runtimes/unix/lib/net8.0/A.dll') {
            $null = New-Item (Join-Path $module $file) -ItemType File -Force
        }
        $ridZip = & $newZip -ModuleFolder $module -Destination (Join-Path $TestDrive 'rids/EntraInboundProvisioning.zip')
        @(Get-ZipEntryName $ridZip.FullName | Where-Object { $_ -like '*/runtimes/*' } | Sort-Object) | Should -Be @(
            'EntraInboundProvisioning/lib/runtimes/win-x64/native/e_sqlite3.dll'
            'EntraInboundProvisioning/lib/runtimes/win/lib/net8.0/A.dll'
        )
    }

    It 'refuses a folder whose manifest does not share its name' {
        $folder = New-Item (Join-Path $TestDrive 'renamed/Other') -ItemType Directory
        Copy-Item (Get-EipModulePath) $folder
        { & $newZip -ModuleFolder $folder -Destination (Join-Path $TestDrive 'renamed/Other.zip') } | Should -Throw '*Other.psd1*'
    }

    It 'comes with a runbook whose help documents every parameter' {
        $help = Get-Help $runbook -Full
        $help.Synopsis | Should -Match 'Azure Automation'
        $parameters = (Get-Command $runbook).Parameters.Values | Where-Object { $_.Name -notin [Management.Automation.PSCmdlet]::CommonParameters }
        $parameters.Name | Should -Contain 'ExportPath'
        foreach ($parameter in $parameters) {
            ($help.parameters.parameter | Where-Object name -eq $parameter.Name).description.Text | Should -Not -BeNullOrEmpty -Because $parameter.Name
        }
    }

    Context 'the sample runbook, run as Azure Automation runs it' {
        BeforeAll {
            $script:ep = Start-ProvisioningEndpoint -ProcessingDelay ([timespan]::FromMilliseconds(50)) -SetManagedIdentityEnvironment
            # The module is imported by name from the unpacked zip only, in a process that inherits IDENTITY_ENDPOINT
            # and IDENTITY_HEADER from this one, as a runbook's sandbox has them.
            $script:automation = @{ PSModulePath = $unpacked; NO_COLOR = '1' }
            # Azurite for the runs on a blob state.
            Import-Module (Join-Path $PSScriptRoot 'Azurite.psm1') -Force
            $script:azurite = Start-TestAzurite
            if (-not $azurite.Reason) { $script:sas = New-TestAzuriteSas $azurite -Permissions 'rwdlac' }
        }
        AfterAll {
            if ($ep) { Stop-ProvisioningEndpoint $ep }
            Stop-TestAzurite $azurite
        }

        It 'signs in with the managed identity, sends every worker the mapping accepts, and writes its summary' {
            $command = "`$summary = & '$runbook' -ExportPath '$workers' -MappingPath '$mapping' -ServicePrincipalId '$($ep.AppId)' -GraphUri '$($ep.Uri)'; " +
                "`$summary | ConvertTo-Json -Compress; (Get-Module EntraInboundProvisioning).ModuleBase"
            $run = Invoke-FreshPwsh @('-Command', $command) $automation
            $run.ExitCode | Should -Be 0 -Because $run.Errors
            $run.Output[1] | Should -Be (Join-Path $unpacked 'EntraInboundProvisioning')

            $summary = $run.Output[0] | ConvertFrom-Json
            $summary.RowsRead | Should -Be @(Import-Csv $workers).Count
            $summary.RowsRejected | Should -Be 0
            $summary.UsersMapped | Should -Be $users.Count
            $summary.RecordsRejected | Should -Be ($summary.RowsRead - $users.Count)
            $summary.WorkersSent | Should -Be $users.Count
            $summary.RequestsAccepted | Should -Be $requests.Count
            $summary.RequestsFailed | Should -Be 0
            $summary.Errors | Should -Be $mapErrors.Count
            $summary.Completed | Should -BeTrue
            $run.Errors | Should -Match ([regex]::Escape($mapErrors[0].Exception.Message.Split("`n")[0]))

            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while ((Invoke-RestMethod "$($ep.Uri)_local/info").pendingUploads -gt 0 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
            $directory = Invoke-RestMethod "$($ep.Uri)_local/directory" -Authentication Bearer -Token $ep.Token -AllowUnencryptedAuthentication
            $expected = @($users.ExternalId | Sort-Object -Unique)
            $expected.Count | Should -Be @(Import-Csv $workers | Where-Object WorkerID | Select-Object -ExpandProperty WorkerID -Unique).Count
            @($directory.externalId | Sort-Object) | Should -Be $expected
        }

        It 'counts rejected rows, not error records, when many rows are rejected alike' {
            # 100 rows with a trailing comma (one field more than the header): five errors of their own and one that counts all.
            $lines = @(Import-Csv $workers | Select-Object -First 120 | ConvertTo-Csv -UseQuotes AsNeeded)
            $bad = Join-Path $TestDrive 'trailing-comma.csv'
            Set-Content $bad (@($lines[0]) + ($lines[1..100] | ForEach-Object { "$_," }) + $lines[101..120]) -Encoding utf8NoBOM
            $command = "& '$runbook' -ExportPath '$bad' -MappingPath '$mapping' -ServicePrincipalId '$($ep.AppId)' -GraphUri '$($ep.Uri)' | ConvertTo-Json -Compress"
            $run = Invoke-FreshPwsh @('-Command', $command) $automation
            $run.ExitCode | Should -Be 0 -Because $run.Errors
            $summary = $run.Output[0] | ConvertFrom-Json
            $summary.RowsRejected | Should -Be 100
            $summary.RowsRead | Should -Be 20
            $summary.ErrorIds | Should -Match 'ImportHrCsvRowsRejectedAlike=1'
            $summary.ErrorIds | Should -Match 'ImportHrCsvTooManyFields=5'
        }

        It 'accounts for every request in its summary when the daily quota stops the send' {
            $limited = Start-ProvisioningEndpoint -DailyQuota 7 -ProcessingDelay ([timespan]::FromMilliseconds(50))
            try {
                $withIdentity = $automation + @{ IDENTITY_ENDPOINT = $limited.IdentityEndpoint.ToString(); IDENTITY_HEADER = (ConvertFrom-SecureString $limited.IdentityHeader -AsPlainText) }
                # The summary streams out before the runbook throws.
                $command = "& '$runbook' -ExportPath '$workers' -MappingPath '$mapping' -ServicePrincipalId '$($limited.AppId)' -GraphUri '$($limited.Uri)' | " +
                    "ForEach-Object { `$_ | ConvertTo-Json -Compress }"
                $run = Invoke-FreshPwsh @('-Command', $command) $withIdentity
                $run.ExitCode | Should -Not -Be 0 -Because 'requests left unsent must fail the Automation job'
                $summary = $run.Output[0] | ConvertFrom-Json
                $summary.Completed | Should -BeFalse
                $summary.RequestsAccepted | Should -Be 7
                $summary.RequestsNotSent | Should -Be ($requests.Count - 7)
                $summary.RequestsFailed + $summary.RequestsUnknown | Should -Be 0
                $summary.WorkersSent | Should -Be 350
                $summary.ErrorIds | Should -Match 'SendScimBulkRequest\w+=1'
            } finally { Stop-ProvisioningEndpoint $limited }
        }

        It 'runs as the recurring sync on a blob state: the second run sends nothing, and the report is a blob beside the state' {
            if (Skip-WithoutAzurite $azurite) { return }
            $container = New-TestAzuriteContainer $azurite 'runbook'
            $stateUrl = "$container/jobs/hr-sync.db"
            # The zip holds only the Windows x64 runtime of SQLite (Automation's), so on this machine the module
            # is imported by name from the built folder, which has every platform's.
            $builtModules = @{ PSModulePath = (Split-Path $moduleFolder); NO_COLOR = '1' }
            $summaries = foreach ($day in 1, 2) {
                $command = "& '$runbook' -ExportPath '$workers' -MappingPath '$mapping' -ServicePrincipalId '$($ep.AppId)' -GraphUri '$($ep.Uri)' " +
                    "-StatePath '$stateUrl`?$sas' -MaxDisables 50 | ConvertTo-Json -Compress"
                $run = Invoke-FreshPwsh @('-Command', $command) $builtModules
                $run.ExitCode | Should -Be 0 -Because $run.Errors
                Assert-NoSasSignature $run.Output, $run.Errors $sas
                $deadline = [DateTime]::UtcNow.AddSeconds(60)
                while ((Invoke-RestMethod "$($ep.Uri)_local/info").pendingUploads -gt 0 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
                $run.Output[0] | ConvertFrom-Json
            }

            $summaries[0].StatePath | Should -Be $stateUrl
            $summaries[0].WorkersSent | Should -Be $users.Count
            $summaries[0].New | Should -Be $users.Count
            $summaries[0].RequestsAccepted | Should -Be $requests.Count

            $summaries[1].Completed | Should -BeTrue
            $summaries[1].WorkersSent, $summaries[1].RequestsAccepted, $summaries[1].New, $summaries[1].Changed, $summaries[1].Disables | Should -Be @(0, 0, 0, 0, 0)
            $summaries[1].Unchanged | Should -Be $users.Count
            $summaries[1].LogEntriesRead | Should -BeGreaterThan 0

            $reportUrl = "$container/jobs/hr-sync.report.html"
            $summaries[1].ReportLocation | Should -Be $reportUrl
            $page = Invoke-WebRequest -Uri "$reportUrl`?$sas"
            $page.StatusCode | Should -Be 200
            $html = [Text.Encoding]::UTF8.GetString($page.RawContentStream.ToArray())
            $html | Should -Match 'data-figure="state-runs" data-value="2"'
            $html | Should -Match 'data-figure="last-status">ended<'
        }

        It 'reads only the newest of dated exports with -Latest, so that the day''s changes and leavers are sent, and refuses a wildcard without it' {
            if (Skip-WithoutAzurite $azurite) { return }
            $container = New-TestAzuriteContainer $azurite 'dated'
            $distinct = @(Import-Csv $workers | Group-Object WorkerID | ForEach-Object { $_.Group[0] })
            $active = @($distinct | Where-Object WorkerStatus -eq 'Active')
            $gone = $active[10..14].WorkerID
            $changed = $active[20..29].WorkerID
            $day2 = foreach ($row in $distinct) {
                if ($row.WorkerID -in $gone) { continue }
                if ($row.WorkerID -in $changed) { $row = $row.PSObject.Copy(); $row.Department = 'Transformation' }
                $row
            }
            $day2Path = Join-Path $TestDrive 'workers-20261129.csv'
            $day2 | Export-Csv $day2Path -NoTypeInformation -Encoding utf8NoBOM
            $builtModules = @{ PSModulePath = (Split-Path $moduleFolder); NO_COLOR = '1' }
            function Invoke-DatedRun([string] $LatestSwitch) {
                $command = "& '$runbook' -ExportPath '$container/daily/workers-*.csv?$sas' $LatestSwitch -MappingPath '$mapping' -ServicePrincipalId '$($ep.AppId)' " +
                    "-GraphUri '$($ep.Uri)' -StatePath '$container/state/hr-sync.db?$sas' -MaxDisables 50"
                $run = Invoke-FreshPwsh @('-Command', $command) $builtModules
                Assert-NoSasSignature $run.Output, $run.Errors $sas
                $deadline = [DateTime]::UtcNow.AddSeconds(60)
                while ((Invoke-RestMethod "$($ep.Uri)_local/info").pendingUploads -gt 0 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
                $run
            }

            $null = Set-TestAzuriteBlob $azurite 'dated' 'daily/workers-20261128.csv' $workers
            $day1 = Invoke-DatedRun '-Latest'
            $day1.ExitCode | Should -Be 0 -Because $day1.Errors
            ($day1.Output -join "`n") | Should -Match 'New\s*:\s*960\b'
            # Last-modified times have whole seconds: the newer export must be at least a second later.
            Start-Sleep -Milliseconds 1100
            $null = Set-TestAzuriteBlob $azurite 'dated' 'daily/workers-20261129.csv' $day2Path

            $run = Invoke-DatedRun '-Latest'
            $run.ExitCode | Should -Be 0 -Because $run.Errors
            $summary = $run.Output -join "`n"
            $summary | Should -Match "RowsRead\s*:\s*$(@($day2).Count)\b"
            $summary | Should -Match 'Changed\s*:\s*10\b'
            $summary | Should -Match 'Leavers\s*:\s*5\b'
            $summary | Should -Match 'WorkersSent\s*:\s*15\b'
            $summary | Should -Not -Match 'DuplicateExternalId'
            $summary | Should -Match 'Completed\s*:\s*True'

            $refused = Invoke-DatedRun ''
            $refused.ExitCode | Should -Not -Be 0
            ($refused.Output -join "`n") | Should -Match 'ErrorIds\s*:\s*SyncHrToEntraSeveralExports=1'
            ($refused.Output -join "`n") | Should -Match 'RowsRead\s*:\s*0\b'
            $refused.Errors | Should -Match 'Add -Latest'
        }

        It 'fails the job, after its summary, when the sign-in fails' {
            $run = Invoke-FreshPwsh @('-File', $runbook, '-ExportPath', $workers, '-MappingPath', $mapping, '-ServicePrincipalId', 'no-such-app', '-GraphUri', $ep.Uri) $automation
            $run.ExitCode | Should -Not -Be 0
            ($run.Output -join "`n") | Should -Match 'Completed\s*:\s*False'
            $run.Errors | Should -Match 'no-such-app'
        }
    }
}

Describe 'The PowerShell Gallery package' {
    BeforeAll {
        $script:manifest = Test-ModuleManifest (Get-EipModulePath) -ErrorAction Stop
    }

    It 'has a manifest with what the Gallery shows' {
        $manifest.Author | Should -Not -BeNullOrEmpty
        $manifest.Description | Should -Not -BeNullOrEmpty
        $manifest.ProjectUri.Scheme | Should -Be 'https'
        $manifest.LicenseUri.Scheme | Should -Be 'https'
        foreach ($tag in 'PSEdition_Core', 'Windows', 'Linux', 'MacOS', 'Entra', 'SCIM', 'Provisioning', 'HR') { $manifest.Tags | Should -Contain $tag }
        Join-Path $moduleFolder 'LICENSE' | Should -Exist
    }

    It 'has one version: the assemblies carry the manifest''s ModuleVersion' {
        $version = [version](Import-PowerShellDataFile (Join-Path (Get-RepoRoot) 'EntraInboundProvisioning.psd1')).ModuleVersion
        $manifest.Version | Should -Be $version
        foreach ($assembly in 'EntraInboundProvisioning.dll', 'lib/EntraInboundProvisioning.Engine.dll') {
            [Reflection.AssemblyName]::GetAssemblyName((Join-Path $moduleFolder $assembly)).Version.ToString(3) | Should -Be $version.ToString(3)
        }
    }

    It 'has the release notes of its version from CHANGELOG.md' {
        $notes = $manifest.ReleaseNotes
        $notes | Should -Not -BeNullOrEmpty
        $changelog = (Get-Content (Join-Path (Get-RepoRoot) 'CHANGELOG.md') -Raw) -replace "`r`n", "`n"
        $changelog | Should -Match ("(?m)^## \[?{0}\]?.*\n+{1}" -f [regex]::Escape($manifest.Version.ToString()), [regex]::Escape(($notes -replace "`r`n", "`n")))
    }

    It 'is published to a folder repository, saved from it into a fresh module path, and runs the sample pipeline imported by name' {
        $repository = New-Item (Join-Path $TestDrive 'gallery') -ItemType Directory
        $modules = New-Item (Join-Path $TestDrive 'gallery-modules') -ItemType Directory
        $name = "eip-test-$([guid]::NewGuid().ToString('N'))"
        # XDG_DATA_HOME keeps the registration out of the user's PSResourceRepository.xml (on Linux and macOS; .NET
        # takes it only when the folder exists); the repository is unregistered in any case.
        $data = New-Item (Join-Path $TestDrive 'data') -ItemType Directory
        $publish = Invoke-FreshPwsh @('-Command', @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name '$name' -Uri '$repository' -Trusted
try {
    Publish-PSResource -Path '$moduleFolder' -Repository '$name'
    Save-PSResource -Name EntraInboundProvisioning -Repository '$name' -TrustRepository -Path '$modules'
}
finally { Unregister-PSResourceRepository -Name '$name' }
"@) @{ XDG_DATA_HOME = [string]$data; NO_COLOR = '1' }
        $publish.ExitCode | Should -Be 0 -Because $publish.Errors
        if (-not $IsWindows) { Join-Path $data 'PSResourceGet/PSResourceRepository.xml' | Should -Exist }
        Get-ChildItem $repository -Filter "EntraInboundProvisioning.$($manifest.Version).nupkg" | Should -Not -BeNullOrEmpty

        $installed = Join-Path $modules "EntraInboundProvisioning/$($manifest.Version)"
        $relative = { param($root) Get-ChildItem $root -Recurse -File | ForEach-Object { [IO.Path]::GetRelativePath($root, $_.FullName) } | Sort-Object }
        @(& $relative $installed | Where-Object { $_ -ne 'PSGetModuleInfo.xml' }) | Should -Be @(& $relative $moduleFolder)

        $run = Invoke-FreshPwsh @('-Command', @"
`$ErrorActionPreference = 'Stop'
Import-Module EntraInboundProvisioning
`$requests = @(Import-HrCsv '$workers' | ConvertTo-ScimUser -Mapping '$mapping' -ErrorAction SilentlyContinue | New-ScimBulkRequest)
`$requests.Count
(`$requests | Measure-Object Count -Sum).Sum
(Get-Module EntraInboundProvisioning).ModuleBase
"@) @{ PSModulePath = [string]$modules; NO_COLOR = '1' }
        $run.ExitCode | Should -Be 0 -Because $run.Errors
        $run.Output | Should -Be @("$($requests.Count)", "$($users.Count)", $installed)
    }
}
