# Every example of Get-Help <cmdlet> -Examples and every code block of README.md runs as written against the local
# endpoint. The cases are found, not listed: an example or block added later is a test case at once.
#
# Each case runs in a runspace of its own (a bash process for bash blocks), in a scratch folder of its own that holds
# what the examples name (below, 'The reader's folder'), with a local endpoint started and the session connected to it
# as the reader's tenant would be. The only changes made to the text are those of $Substitutions, each of which the
# README or the help tells the reader to make; the only context added is that of $Given. A case passes when it ends
# without a terminating error and without any record on its error stream.

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
        'README.md, Installing, block 1'      = 'installs from the PowerShell Gallery, which this machine cannot reach'
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
        'Stop-ProvisioningEndpoint example 2' = '$ep = Start-ProvisioningEndpoint'
        'README.md, Sending again what failed, block 1' = '$results = Import-HrCsv .\workers.csv | ConvertTo-ScimUser -Mapping .\AttributeMapping.psd1 | New-ScimBulkRequest | Send-ScimBulkRequest'
        'README.md, The run report, block 1' = '$state = Open-ProvisioningState ./hr-sync.db'
    }

    # The reader's folder: an HR export under the names the examples use, the mapping, the repository's samples, and
    # an export in another delimiter and code page.
    $script:Template = Join-Path ([IO.Path]::GetTempPath()) "eip-examples-$([guid]::NewGuid().ToString('N'))"
    $null = New-Item -ItemType Directory "$Template/samples", "$Template/exports"
    Copy-Item (Join-Path $root 'samples/*') "$Template/samples"
    # A clean export (the sample without its deliberately duplicated rows), so that the examples' own output is all
    # there is on their error streams.
    $seen = [Collections.Generic.HashSet[string]]::new()
    $clean = Import-Csv (Join-Path $root 'samples/workers.csv') | Where-Object { $seen.Add($_.WorkerID) }
    foreach ($name in 'workers.csv', 'hr.csv', 'Workday-export.csv') { $clean | Export-Csv "$Template/$name" -UseQuotes AsNeeded }
    $clean | Select-Object -First 20 | Export-Csv "$Template/exports/day1.csv" -Delimiter ';' -Encoding ([Text.Encoding]::GetEncoding(1252))
    $clean | Select-Object -First 20 | Select-Object WorkerID, FirstName, LastName | Export-Csv "$Template/legacy.csv" -UseQuotes AsNeeded
    Copy-Item (Join-Path $root 'samples/AttributeMapping.psd1') $Template

    function Get-FreePort {
        $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $listener.Start(); try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
    }

    # The reader's tenant: one local endpoint for every case (a process caches managed-identity tokens, which a second
    # endpoint would not know), emptied before each case.
    Import-Module $modulePath
    $script:Tenant = Start-ProvisioningEndpoint -SetManagedIdentityEnvironment
    $script:IdentityEnvironment = @{ IDENTITY_ENDPOINT = $env:IDENTITY_ENDPOINT; IDENTITY_HEADER = $env:IDENTITY_HEADER }

    function Get-TenantCalls { (Invoke-RestMethod "$($Tenant.Uri)_local/info").quotaUsed }

    function Reset-Tenant {
        foreach ($name in $IdentityEnvironment.Keys) { [Environment]::SetEnvironmentVariable($name, $IdentityEnvironment[$name]) }
        $null = Invoke-RestMethod -Method Post "$($Tenant.Uri)_local/reset" -Authentication Bearer -Token $Tenant.Token -AllowUnencryptedAuthentication
    }

    function Invoke-PowerShellExample([string] $Name, [string] $Code, [string] $Folder) {
        Reset-Tenant
        $runspace = [runspacefactory]::CreateRunspace()
        $runspace.Open()
        $ps = [powershell]::Create($runspace)
        $savedTemp = $env:TMPDIR
        $env:TMPDIR = $Folder
        try {
            # The reader's session: the module imported, signed in to the tenant (the local endpoint, whose managed
            # identity this process has) and the app's ids in the variables the examples name. Connect-EntraProvisioning
            # goes to the endpoint's address, as README's "Trying the examples offline" says; prompts are answered yes.
            $null = $ps.AddScript({
                    param($ModulePath, $Folder, $Tenant)
                    Set-Location $Folder
                    Import-Module $ModulePath
                    $PSDefaultParameterValues['Connect-EntraProvisioning:GraphUri'] = { if ($args[0].BoundParameters -notcontains 'LocalEndpoint') { $Tenant.Uri } }.GetNewClosure()
                    $appId = $appObjectId = $spId = $id = $Tenant.ServicePrincipalId
                    $jobId = $Tenant.JobId
                    $provisioningApiEndpoint = $Tenant.ProvisioningApiEndpoint
                    $exportPath = './workers.csv'; $mappingPath = './AttributeMapping.psd1'
                    Connect-EntraProvisioning -ManagedIdentity -ServicePrincipalId $appId
                    $ConfirmPreference = 'None'
                }, $false).AddArgument($modulePath).AddArgument($Folder).AddArgument($Tenant)
            $null = $ps.Invoke()
            $ps.Streams.Error | Should -BeNullOrEmpty -Because 'the session setup must work'
            if ($Given.ContainsKey($Name)) {
                $ps.Commands.Clear(); $null = $ps.AddScript($Given[$Name], $false); $null = $ps.Invoke()
                $ps.Streams.Error | Should -BeNullOrEmpty -Because "the context given to '$Name' must work"
            }
            $ps.Commands.Clear(); $ps.Streams.ClearStreams()
            $callsBefore = Get-TenantCalls
            $null = $ps.AddScript($Code, $false)
            $async = $ps.BeginInvoke()
            if (-not $async.AsyncWaitHandle.WaitOne([TimeSpan]::FromMinutes(3))) { $ps.Stop(); throw "'$Name' did not end within 3 minutes." }
            $output = $ps.EndInvoke($async)
            [pscustomobject]@{ Output = $output; Errors = @($ps.Streams.Error); Calls = (Get-TenantCalls) - $callsBefore }
        } finally {
            $env:TMPDIR = $savedTemp
            $ps.Dispose(); $runspace.Dispose()
        }
    }

    # Examples that name Send-ScimBulkRequest but may rightly send nothing here, and why.
    $script:MaySendNothing = @{
        'README.md, Sending again what failed, block 1' = 'it sends again only the workers whose log entry is a failure, and the local endpoint logs none for a clean export'
    }

    # A process keeps the managed-identity token it got first, which another endpoint does not know: a case that starts
    # an endpoint of its own and signs in with its managed identity runs in a process of its own.
    $script:OwnProcess = @('README.md, Using the module, block 2')

    function Invoke-ProcessExample([string] $Code, [string] $Folder) {
        $script = Join-Path $Folder 'example.ps1'
        Set-Content $script "Set-Location '$Folder'`nImport-Module '$modulePath'`n`$Error.Clear()`n$Code`nif (`$Error.Count) { `$Error | ForEach-Object { [Console]::Error.WriteLine(`"`$(`$_.FullyQualifiedErrorId): `$_`") }; exit 1 }"
        Push-Location $root
        try {
            $output = & dotnet pwsh -NoProfile -NonInteractive -File $script 2>&1
            [pscustomobject]@{ Output = $output; ExitCode = $LASTEXITCODE }
        } finally { Pop-Location }
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

AfterAll {
    $Tenant | Stop-ProvisioningEndpoint
    Remove-Item $Template -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Documented examples' {
    It 'names only examples that exist in its tables' {
        foreach ($name in @($NotOffline.Keys) + @($Given.Keys) + @($MaySendNothing.Keys) + $OwnProcess) {
            $name | Should -BeIn $knownNames -Because 'each entry of $NotOffline, $Given, $MaySendNothing and $OwnProcess must name an example of the help or a README block'
        }
    }

    It '<Name> runs as written against the local endpoint' -ForEach $cases {
        if ($NotOffline) { Set-ItResult -Skipped -Because "it cannot run offline: it $NotOffline"; return }
        $folder = Join-Path ([IO.Path]::GetTempPath()) "eip-example-$([guid]::NewGuid().ToString('N'))"
        Copy-Item $Template $folder -Recurse
        try {
            $text = $Code
            foreach ($s in $Substitutions | Where-Object Language -eq $Language) {
                $text = $text -replace $s.Pattern, ($s.Replacement -replace '\{port\}', (Get-FreePort))
            }
            switch ($Language) {
                { $_ -eq 'powershell' -and $Name -in $OwnProcess } {
                    $result = Invoke-ProcessExample -Code $text -Folder $folder
                    $result.ExitCode | Should -Be 0 -Because ($result.Output -join "`n")
                    break
                }
                'powershell' {
                    $result = Invoke-PowerShellExample -Name $Name -Code $text -Folder $folder
                    ($result.Errors | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" }) -join "`n" | Should -BeNullOrEmpty
                    # An example that sends to the session's tenant (not to an endpoint of its own, not -WhatIf) must reach it.
                    if ($text -match 'Send-ScimBulkRequest(?![^;|\n]*-WhatIf)' -and $text -notmatch 'Start-ProvisioningEndpoint' -and -not $MaySendNothing.ContainsKey($Name)) {
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
