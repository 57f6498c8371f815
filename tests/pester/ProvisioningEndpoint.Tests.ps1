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
}
