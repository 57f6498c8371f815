# Every example of Get-Help <cmdlet> -Examples and every code block of README.md runs as written against the local
# endpoint. The cases are found, not listed: an example or block added later is a test case at once.
#
# Each PowerShell case runs in a runspace of its own, after the README's "Trying the examples offline" block, read from
# README.md itself ($SetupName): it starts the reader's tenant (a local endpoint), signs in, sets the variables the
# examples name and makes the folder of files they read. A bash block runs in a bash process from the repository root.
# What else differs from a reader who types the setup and then the examples in order, and why:
#   $Substitutions  text the README or the help tells the reader to change (a free port instead of 5080)
#   $Given          what an example takes from the examples before it (a reader in one session has it already)
#   $NotOffline     examples that need a real tenant, Azure Storage or a SQL Server: skipped, with the reason
#   $AnswersYes     examples that ask for confirmation, as their text says: the test answers Yes ($ConfirmPreference = 'None')
#   TMPDIR          a scratch folder per case, so that what the setup and the examples write to the temp folder is removed
#   the tenant      stopped after each case (Stop-ProvisioningEndpoint $tenant), as the reader would at the end
# A case passes when it ends without a terminating error, without any record on its error stream, without an invalid
# mapping in its output (Test-ScimMapping's IsValid $false), and, when it sends to the tenant, with calls there.

BeforeDiscovery {
    $root = [IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../..'))
    Import-Module $env:EIP_MODULE_PATH -Force

    # Examples that need what no offline machine has. Keep this short: rewrite an example to run against the local
    # endpoint wherever it can.
    $script:NotOffline = @{
        'Connect-EntraProvisioning example 2' = 'signs in to a tenant with a certificate from the Windows certificate store'
        'Connect-EntraProvisioning example 3' = 'signs in to the US Government cloud with a client secret typed at a prompt'
        'ConvertTo-ScimUser example 2'        = 'reads a SQL Server table with Invoke-Sqlcmd (the SqlServer module and a server)'
        'Import-HrCsv example 5'              = 'reads Azure Blob Storage with a managed identity token (Azurite takes no tokens over http; ImportHrCsvStorage.Tests covers the blob path with Azurite)'
        'Import-HrCsv example 6'              = 'reads an Azure file share with a SAS from an Azure Automation variable (Azurite has no File service)'
        'Open-ProvisioningState example 3'    = 'keeps the state in Azure Blob Storage with a managed identity token (ProvisioningStateBlob.Tests covers it with Azurite and a SAS)'
        'README.md, Installing, block 1'      = 'installs from the PowerShell Gallery, where the module is not published yet (Distribution.Tests runs the same publish-and-install round trip with a folder repository)'
        'README.md, Using the module, block 1' = 'builds the module that this suite is testing (the build runs it before the tests)'
        'README.md, A scheduled sync, block 2' = 'keeps the state in Azure Blob Storage with a managed identity token (ProvisioningStateBlob.Tests covers it with Azurite and a SAS)'
        'README.md, Graph permissions, block 1' = 'grants app roles in a tenant with the Microsoft.Graph module, signed in as an administrator'
        'README.md, Reading the export from Azure Storage, block 1' = 'reads an Azure file share with a managed identity token (Azurite has no File service)'
        'README.md, The two commands, block 1' = 'is the build and test suite itself (build.ps1 -Task Demo and -Task Test)'
    }

    function Get-HelpExample {
        foreach ($cmdlet in (Get-Module EntraInboundProvisioning).ExportedCmdlets.Keys | Sort-Object) {
            $index = 0
            foreach ($example in (Get-Help $cmdlet -Examples).Examples.Example) {
                $index++
                @{ Name = "$cmdlet example $index"; Language = 'powershell'; Code = ($example.Code -join "`n") }
            }
        }
    }

    # Fenced blocks of README.md, named by the heading above them and their index under it.
    function Get-ReadmeBlock([string] $Path) {
        $heading = 'the introduction'; $block = $null; $language = $null; $counts = @{}
        foreach ($line in Get-Content $Path) {
            if ($null -ne $block) {
                if ($line -match '^```\s*$') {
                    $counts[$heading] = 1 + [int]$counts[$heading]
                    @{ Name = "README.md, $heading, block $($counts[$heading])"; Language = $language; Code = ($block -join "`n") }
                    $block = $null
                } else { $block.Add($line) }
            } elseif ($line -match '^```(\w*)') {
                $language = $Matches[1]; $block = [Collections.Generic.List[string]]::new()
            } elseif ($line -match '^#{1,4} (.+)$') {
                $heading = $Matches[1]
            }
        }
    }

    $script:cases = @(Get-HelpExample) + @(Get-ReadmeBlock (Join-Path $root 'README.md')) | ForEach-Object {
        $_.NotOffline = $NotOffline[$_.Name]
        $_
    }
    $script:knownNames = @($cases.Name)
    # The session every PowerShell case starts from: README's "Trying the examples offline".
    $script:SetupName = 'README.md, Using the module, block 2'
    $script:SetupCode = ($cases | Where-Object Name -eq $SetupName).Code
    # What a reader runs after the setup, in README order, in the same session.
    $script:ReadmeSession = @($cases | Where-Object { $_.Name -like 'README.md, *' -and $_.Language -eq 'powershell' -and -not $_.NotOffline -and $_.Name -ne $SetupName })
}

BeforeAll {
    $root = [IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../..'))
    $modulePath = $env:EIP_MODULE_PATH

    # What the text tells the reader to replace. A pattern, the replacement and where the text says so.
    $script:Substitutions = @(
        # README "The local provisioning endpoint": the bash block starts its own endpoint on a port the reader picks;
        # a free one here, as other runs may hold 5080.
        @{ Pattern = '5080'; Replacement = '{port}'; Language = 'bash' }
    )

    # Context an example takes from the examples or blocks before it (variables it names but does not set). The
    # reader's own values ($appId, $spId, ...) come from the session setup below.
    $script:Given = @{
        'Send-ScimBulkRequest example 3' = 'Import-HrCsv .\hr.csv | ConvertTo-ScimUser -Mapping .\AttributeMapping.psd1 | New-ScimBulkRequest -BatchSize 25 -OutFolder .\payloads | Out-Null'
        'Send-ScimBulkRequest example 5' = '$results = Import-HrCsv .\hr.csv | ConvertTo-ScimUser -Mapping .\AttributeMapping.psd1 | New-ScimBulkRequest | Send-ScimBulkRequest'
        # Results with failures to send again: ten workers sent without a userName, which the service needs to create.
        'README.md, Sending again what failed, block 1' = '$results = Import-HrCsv .\workers.csv | Select-Object -First 10 | ConvertTo-ScimUser -Mapping @{ externalId = ''WorkerID''; active = { $true } } | New-ScimBulkRequest | Send-ScimBulkRequest'
    }

    # Examples that ask for confirmation, as their remarks say, and to which the reader answers Yes.
    $script:AnswersYes = @('Restart-ProvisioningJob example 1')

    function Get-FreePort {
        $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $listener.Start(); try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
    }

    Import-Module $modulePath

    # Runs the setup, then each piece of code in turn in the same session; one result per piece.
    function Invoke-PowerShellExample([string] $Name, [string[]] $Code, [string] $Folder) {
        $runspace = [runspacefactory]::CreateRunspace()
        $runspace.Open()
        $ps = [powershell]::Create($runspace)
        $savedTemp = $env:TMPDIR
        $env:TMPDIR = $Folder
        $tenant = $null
        try {
            $null = $ps.AddScript({ param($Root) Set-Location $Root }, $false).AddArgument($root); $null = $ps.Invoke()
            $ps.Commands.Clear(); $null = $ps.AddScript($SetupCode, $false); $null = $ps.Invoke()
            $tenant = $runspace.SessionStateProxy.GetVariable('tenant')
            ($ps.Streams.Error | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" }) -join "`n" | Should -BeNullOrEmpty -Because 'the README''s offline setup must work'
            if ($Given.ContainsKey($Name)) {
                $ps.Commands.Clear(); $null = $ps.AddScript($Given[$Name], $false); $null = $ps.Invoke()
                $ps.Streams.Error | Should -BeNullOrEmpty -Because "the context given to '$Name' must work"
            }
            if ($Name -in $AnswersYes) { $ps.Commands.Clear(); $null = $ps.AddScript("`$ConfirmPreference = 'None'", $false); $null = $ps.Invoke() }
            foreach ($piece in $Code) {
                $ps.Commands.Clear(); $ps.Streams.ClearStreams()
                $callsBefore = (Invoke-RestMethod "$($tenant.Uri)_local/info").quotaUsed
                $null = $ps.AddScript($piece, $false)
                $async = $ps.BeginInvoke()
                if (-not $async.AsyncWaitHandle.WaitOne([TimeSpan]::FromMinutes(3))) { $ps.Stop(); throw "'$Name' did not end within 3 minutes." }
                $output = $ps.EndInvoke($async)
                $calls = (Invoke-RestMethod "$($tenant.Uri)_local/info").quotaUsed - $callsBefore
                [pscustomobject]@{ Output = $output; Errors = @($ps.Streams.Error); Calls = $calls }
            }
        } finally {
            $env:TMPDIR = $savedTemp
            if ($tenant) { $tenant | Stop-ProvisioningEndpoint }
            $ps.Dispose(); $runspace.Dispose()
        }
    }

    function Invoke-BashExample([string] $Code, [string] $Folder) {
        $script = Join-Path $Folder 'example.sh'
        # What a block starts in the background ends with it, even when it fails half-way.
        Set-Content $script "trap 'kill `$(jobs -p) 2>/dev/null || true' EXIT`n$Code" -NoNewline
        # The README's bash blocks run from the repository root after a build; the module they name is the one built.
        Push-Location $root
        try {
            $output = & timeout 180 bash $script 2>&1
            [pscustomobject]@{ Output = $output -join "`n"; ExitCode = $LASTEXITCODE }
        } finally { Pop-Location }
    }
}

Describe 'Documented examples' {
    It 'names only examples that exist in its tables' {
        foreach ($name in @($NotOffline.Keys) + @($Given.Keys) + $AnswersYes + $SetupName) {
            $name | Should -BeIn $knownNames -Because 'each entry of $NotOffline, $Given and $AnswersYes, and $SetupName, must name an example of the help or a README block'
        }
    }

    It 'runs the README''s offline PowerShell blocks in order in one session, as a reader does' {
        $folder = Join-Path ([IO.Path]::GetTempPath()) "eip-example-$([guid]::NewGuid().ToString('N'))"
        $null = New-Item -ItemType Directory $folder
        try {
            $ReadmeSession.Count | Should -BeGreaterThan 3
            $results = @(Invoke-PowerShellExample -Name 'the README in one session' -Code $ReadmeSession.Code -Folder $folder)
            $failures = for ($i = 0; $i -lt $ReadmeSession.Count; $i++) {
                if ($results[$i].Errors) { "$($ReadmeSession[$i].Name): $(($results[$i].Errors | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" }) -join '; ')" }
            }
            $failures -join "`n" | Should -BeNullOrEmpty
        } finally {
            Remove-Item $folder -Recurse -Force -ErrorAction SilentlyContinue
        }
    }

    It '<Name> runs as written against the local endpoint' -ForEach $cases {
        if ($NotOffline) { Set-ItResult -Skipped -Because "it cannot run offline: it $NotOffline"; return }
        $folder = Join-Path ([IO.Path]::GetTempPath()) "eip-example-$([guid]::NewGuid().ToString('N'))"
        $null = New-Item -ItemType Directory $folder
        try {
            $text = $Code
            foreach ($s in $Substitutions | Where-Object Language -eq $Language) {
                $text = $text -replace $s.Pattern, ($s.Replacement -replace '\{port\}', (Get-FreePort))
            }
            # The setup block is the start of every other case; on its own it must leave the files the examples read.
            if ($Name -eq $SetupName) { $text = 'Test-Path ./workers.csv, ./hr.csv, ./Workday-export.csv, ./legacy.csv, ./exports/day1.csv, ./AttributeMapping.psd1, ./samples/workers.csv' }
            switch ($Language) {
                'powershell' {
                    $result = Invoke-PowerShellExample -Name $Name -Code $text -Folder $folder
                    ($result.Errors | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" }) -join "`n" | Should -BeNullOrEmpty
                    if ($Name -eq $SetupName) { $result.Output | Should -Not -Contain $false; break }
                    # An invalid mapping is output, not an error: no example shows one.
                    @($result.Output | Where-Object { $null -ne $_ -and $_.PSObject.Properties['IsValid'] -and -not $_.IsValid }).Count |
                        Should -Be 0 -Because 'an example''s Test-ScimMapping must find the mapping and the export valid'
                    # An example that sends to the session's tenant (not to an endpoint of its own, not -WhatIf) must reach it.
                    if ($text -match 'Send-ScimBulkRequest(?![^;|\n]*-WhatIf)' -and $text -notmatch 'Start-ProvisioningEndpoint') {
                        $result.Calls | Should -BeGreaterThan 0 -Because 'an example that sends must upload to the local endpoint'
                    }
                }
                'bash' {
                    $result = Invoke-BashExample -Code $text -Folder $folder
                    $result.ExitCode | Should -Be 0 -Because $result.Output
                    # curl exits 0 on any answer: what it printed says whether the service took the call.
                    $result.Output | Should -Not -Match 'curl: \(\d+\)|HTTP/[\d.]+ [45]\d\d|"error"'
                }
                { $_ -notin 'powershell', 'bash' } { throw "'$Name' is a '$Language' block; this test runs powershell and bash." }
            }
        } finally {
            Remove-Item $folder -Recurse -Force -ErrorAction SilentlyContinue
        }
    }
}
