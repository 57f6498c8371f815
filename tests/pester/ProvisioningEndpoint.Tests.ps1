BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-EipModulePath) -Force
}

Describe 'Start-ProvisioningEndpoint and Stop-ProvisioningEndpoint' {
    BeforeAll {
        $script:ep = Start-ProvisioningEndpoint -ProcessingDelay ([timespan]::FromMilliseconds(50)) -SetManagedIdentityEnvironment
        $script:token = $ep.Token
    }

    AfterAll {
        if ($ep) { Stop-ProvisioningEndpoint $ep }
    }

    It 'starts on loopback with a free port and says where' {
        $ep.Uri.Host | Should -Be '127.0.0.1'
        $ep.Uri.Port | Should -BeGreaterThan 0
        $ep.IsRunning | Should -BeTrue
        $ep.Token | Should -BeOfType [securestring]
        $ep.ProvisioningApiEndpoint.AbsolutePath | Should -BeLike "/v1.0/servicePrincipals/$($ep.ServicePrincipalId)/synchronization/jobs/*/bulkUpload"
    }

    It 'sets the managed identity environment when asked' {
        $env:IDENTITY_ENDPOINT | Should -Be $ep.IdentityEndpoint.ToString()
        $header = ConvertFrom-SecureString $ep.IdentityHeader -AsPlainText
        $env:IDENTITY_HEADER | Should -Be $header
        $mi = Invoke-RestMethod "$($env:IDENTITY_ENDPOINT)?api-version=2019-08-01&resource=https://graph.microsoft.com" -Headers @{ 'X-IDENTITY-HEADER' = $env:IDENTITY_HEADER }
        $mi.token_type | Should -Be 'Bearer'
    }

    It 'takes a bulk request from New-ScimBulkRequest and logs what it applied' {
        $request = Import-HrCsv (Get-OwnSamplePath 'workers.csv') | Select-Object -First 5 |
            ConvertTo-ScimUser -Mapping (Join-Path $PSScriptRoot '../../samples/AttributeMapping.psd1') | New-ScimBulkRequest
        $response = Invoke-WebRequest $ep.ProvisioningApiEndpoint -Method Post -Body $request.Json -ContentType 'application/scim+json' `
            -Authentication Bearer -Token $token -AllowUnencryptedAuthentication
        $response.StatusCode | Should -Be 202
        $response.Headers.Location | Should -Not -BeNullOrEmpty

        $deadline = (Get-Date).AddSeconds(20)
        do {
            Start-Sleep -Milliseconds 100
            $logs = Invoke-RestMethod "$($ep.Uri)v1.0/auditLogs/provisioning?`$filter=jobId eq '$($ep.JobId)'" -Authentication Bearer -Token $token -AllowUnencryptedAuthentication
        } until ($logs.value.Count -ge 5 -or (Get-Date) -gt $deadline)
        $logs.value.Count | Should -Be 5
        @($logs.value.sourceIdentity.id | Sort-Object) | Should -Be @($request.ExternalIds | Sort-Object)
        $users = Invoke-RestMethod "$($ep.Uri)_local/directory" -Authentication Bearer -Token $token -AllowUnencryptedAuthentication
        $users.Count | Should -Be 5
    }

    It 'stops, and clears the managed identity environment it set' {
        $other = Start-ProvisioningEndpoint -SetManagedIdentityEnvironment
        Stop-ProvisioningEndpoint $other
        $other.IsRunning | Should -BeFalse
        { Get-Process -Id $other.ProcessId -ErrorAction Stop } | Should -Throw
        $env:IDENTITY_ENDPOINT | Should -BeNullOrEmpty
    }

    It 'starts nothing with -WhatIf' {
        Start-ProvisioningEndpoint -WhatIf | Should -BeNullOrEmpty
    }

    It 'names a busy port in one line, not a stack trace' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        try {
            $port = $listener.LocalEndpoint.Port
            $err = { Start-ProvisioningEndpoint -Port $port } | Should -Throw -ErrorId 'StartProvisioningEndpointPortInUse*' -PassThru
            $err.Exception.Message | Should -BeLike "Port $port on 127.0.0.1 is already in use by another program. Choose another -Port*"
            $err.Exception.Message | Should -Not -Match '\n'
            $err.CategoryInfo.Category | Should -Be 'ResourceBusy'
        }
        finally { $listener.Stop() }
    }

    It 'keeps serving when Ctrl+C reaches the console that started it, and still stops when that PowerShell ends' {
        if (-not $IsLinux) { Set-ItResult -Skipped -Because 'it plays a terminal''s Ctrl+C (SIGINT to a process group) with setsid and kill, as on Linux'; return }
        # A PowerShell in a session of its own plays the user's console, so that its process group can be sent SIGINT.
        $script = Join-Path $TestDrive 'console.ps1'
        @"
Import-Module '$(Get-EipModulePath)'
`$ep = Start-ProvisioningEndpoint
[Console]::Out.WriteLine("`$(`$ep.ProcessId) `$(`$ep.Uri)")
[Console]::Out.Flush()
`$null = [Console]::In.ReadLine()
"@ | Set-Content $script
        $start = [System.Diagnostics.ProcessStartInfo]::new('setsid')
        foreach ($arg in [Environment]::ProcessPath, (Join-Path $PSHOME 'pwsh.dll'), '-NoProfile', '-NonInteractive', '-File', $script) { $start.ArgumentList.Add($arg) }
        $start.RedirectStandardInput = $true
        $start.RedirectStandardOutput = $true
        $start.UseShellExecute = $false
        $console = [System.Diagnostics.Process]::Start($start)
        try {
            $endpointId, $uri = $console.StandardOutput.ReadLine() -split ' '
            $group = ((Get-Content "/proc/$($console.Id)/stat" -Raw) -replace '^.*\) ' -split ' ')[2]
            $group | Should -Be $console.Id -Because 'only that console''s group may be sent the signal'

            & (Get-Command kill -CommandType Application)[0] -s INT -- "-$group"
            Start-Sleep -Seconds 2
            $console.HasExited | Should -BeFalse -Because 'PowerShell itself survives a Ctrl+C'
            Get-Process -Id $endpointId -ErrorAction SilentlyContinue | Should -Not -BeNullOrEmpty
            (Invoke-RestMethod "$($uri)_local/info").pendingUploads | Should -Be 0

            $console.StandardInput.Close()
            $console.WaitForExit(30000) | Should -BeTrue
            $deadline = (Get-Date).AddSeconds(30)
            while ((Get-Process -Id $endpointId -ErrorAction SilentlyContinue) -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 200 }
            Get-Process -Id $endpointId -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        }
        finally {
            if (-not $console.HasExited) { $console.Kill($true) }
            if ($endpointId) { Get-Process -Id $endpointId -ErrorAction SilentlyContinue | Stop-Process -Force }
        }
    }
}
