BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-EipModulePath) -Force
    $script:mapping = Join-Path $PSScriptRoot '../../samples/AttributeMapping.psd1'

    function New-Requests([int] $Workers, [int] $BatchSize = 50, [string] $Prefix = 'W') {
        1..$Workers | ForEach-Object { @{ Id = "$Prefix$_"; Upn = "$Prefix$_@contoso.example"; Name = "Worker $_" } } |
            ConvertTo-ScimUser -Mapping @{ externalId = 'Id'; userName = 'Upn'; displayName = 'Name' } | New-ScimBulkRequest -BatchSize $BatchSize
    }

    # A runspace of its own that sends one request to the endpoint through $Tail, to watch its streams while it runs.
    function New-OneRequestPipeline($Endpoint, [string] $Tail) {
        [powershell]::Create().AddScript(@"
param(`$ModulePath, `$Endpoint)
Import-Module `$ModulePath
Connect-EntraProvisioning -LocalEndpoint `$Endpoint
@{ Id = 'P1'; Upn = 'p1@contoso.example' } | ConvertTo-ScimUser -Mapping @{ externalId = 'Id'; userName = 'Upn' } | New-ScimBulkRequest | $Tail
"@).AddArgument((Get-EipModulePath)).AddArgument($Endpoint)
    }

    function Invoke-Local($Endpoint, [string] $Path, [string] $Method = 'Get', $Body) {
        $arguments = @{ Uri = "$($Endpoint.Uri)$Path"; Method = $Method; Authentication = 'Bearer'; Token = $Endpoint.Token; AllowUnencryptedAuthentication = $true }
        if ($Body) { $arguments.Body = ($Body | ConvertTo-Json); $arguments.ContentType = 'application/json' }
        Invoke-RestMethod @arguments
    }
}

AfterAll {
    Disconnect-EntraProvisioning
}

Describe 'Sending to the local endpoint' {
    BeforeAll {
        $script:ep = Start-ProvisioningEndpoint -ProcessingDelay ([timespan]::FromMilliseconds(50)) -SetManagedIdentityEnvironment
    }
    AfterAll { Stop-ProvisioningEndpoint $ep }
    BeforeEach {
        # Uploads of the test before are applied first, so that none lands after the reset.
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        while ((Invoke-RestMethod "$($ep.Uri)_local/info").pendingUploads -gt 0 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
        Invoke-Local $ep '_local/reset' -Method Post | Out-Null
        Invoke-Local $ep '_local/faults' -Method Put -Body @{ rateLimitCalls = 40; rateLimitWindow = '00:00:05'; dailyQuota = 6000; seed = 1 } | Out-Null
    }

    It 'signs in with the managed identity that Azure Automation gives, finding the only job by appId' {
        $info = Connect-EntraProvisioning -ManagedIdentity -GraphUri $ep.Uri -ServicePrincipalId $ep.AppId -PassThru
        $info.ServicePrincipalId | Should -Be $ep.ServicePrincipalId
        $info.JobId | Should -Be $ep.JobId
        $info.SignIn | Should -Be 'ManagedIdentity'

        $results = New-Requests 120 | Send-ScimBulkRequest
        $results.Status | Should -Be @('Accepted', 'Accepted', 'Accepted')
        $results[0].Location | Should -BeLike '*auditLogs/provisioning*'
        $results[0].RequestId | Should -Not -BeNullOrEmpty
    }

    It 'signs in with a managed identity again in the same session after another endpoint gave one' {
        # The test before took a managed-identity token from $ep; MSAL keeps such tokens for the whole process.
        Connect-EntraProvisioning -ManagedIdentity -GraphUri $ep.Uri -ServicePrincipalId $ep.AppId
        $saved = @{ IDENTITY_ENDPOINT = $env:IDENTITY_ENDPOINT; IDENTITY_HEADER = $env:IDENTITY_HEADER }
        $second = Start-ProvisioningEndpoint -SetManagedIdentityEnvironment
        try {
            Connect-EntraProvisioning -ManagedIdentity -GraphUri $second.Uri -ServicePrincipalId $second.AppId
            (Get-ProvisioningJob).JobId | Should -Be $second.JobId
            (New-Requests 3 | Send-ScimBulkRequest).Status | Should -Be 'Accepted'
        }
        finally {
            Stop-ProvisioningEndpoint $second
            $env:IDENTITY_ENDPOINT = $saved.IDENTITY_ENDPOINT; $env:IDENTITY_HEADER = $saved.IDENTITY_HEADER
        }
    }

    It 'signs in with a static token and with the provisioning API endpoint copied from the portal' {
        Connect-EntraProvisioning -AccessToken $ep.Token -Uri $ep.ProvisioningApiEndpoint
        (New-Requests 3 | Send-ScimBulkRequest).Status | Should -Be 'Accepted'
        Connect-EntraProvisioning -LocalEndpoint $ep
        (New-Requests 3 | Send-ScimBulkRequest).Status | Should -Be 'Accepted'
    }

    It 'stops on 401 with the service''s message, one error, and a result for every request' {
        $forged = ConvertTo-SecureString 'forged-token' -AsPlainText -Force
        { Connect-EntraProvisioning -AccessToken $forged -GraphUri $ep.Uri -ServicePrincipalId $ep.ServicePrincipalId } |
            Should -Throw -ErrorId 'ConnectEntraProvisioningUnauthorized*' -ExpectedMessage '*Access token validation failure*'
        { Connect-EntraProvisioning -AccessToken $forged -Uri $ep.ProvisioningApiEndpoint } |
            Should -Throw -ErrorId 'ConnectEntraProvisioningUnauthorized*' -ExpectedMessage '*Access token validation failure*'
        Connect-EntraProvisioning -AccessToken $forged -GraphUri $ep.Uri -Verbose 4>&1 | Out-String | Should -Not -Match 'forged-token'
        $results = New-Requests 3 -BatchSize 1 | Send-ScimBulkRequest -Uri $ep.ProvisioningApiEndpoint -ThrottleLimit 1 -ErrorVariable errs -ErrorAction SilentlyContinue
        $results.Status | Should -Be @('Failed', 'NotSent', 'NotSent')
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'SendScimBulkRequestUnauthorized*'
        $errs[0].Exception.Message | Should -BeLike '*Access token validation failure*'
        $all = New-Requests 3 | Send-ScimBulkRequest -Uri $ep.ProvisioningApiEndpoint -Verbose -ErrorAction Continue *>&1 | Out-String
        $all | Should -Match 'SendScimBulkRequestUnauthorized|refused the sign-in'
        $all | Should -Not -Match 'forged-token'
    }

    It 'stops on 403 and names the missing permission' {
        $issued = Invoke-Local $ep '_local/tokens' -Method Post -Body @{ roles = @('AuditLog.Read.All') }
        Connect-EntraProvisioning -AccessToken (ConvertTo-SecureString $issued.access_token -AsPlainText -Force) -Uri $ep.ProvisioningApiEndpoint -WarningAction SilentlyContinue
        $results = New-Requests 3 | Send-ScimBulkRequest -ErrorVariable errs -ErrorAction SilentlyContinue
        $results.Status | Should -Be 'Failed'
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'SendScimBulkRequestForbidden*'
        $errs[0].Exception.Message | Should -BeLike '*SynchronizationData-User.Upload*'
    }

    It 'counts every request of a 403 stop, the ones in flight too, and its resend advice covers them all' {
        $issued = Invoke-Local $ep '_local/tokens' -Method Post -Body @{ roles = @('AuditLog.Read.All') }
        Connect-EntraProvisioning -AccessToken (ConvertTo-SecureString $issued.access_token -AsPlainText -Force) -Uri $ep.ProvisioningApiEndpoint -WarningAction SilentlyContinue
        $requests = @(New-Requests 12 -BatchSize 1 -Prefix F)
        $results = $requests | Send-ScimBulkRequest -ThrottleLimit 8 -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $failed = @($results | Where-Object Status -eq Failed).Count
        $failed | Should -BeGreaterThan 0
        $errs[0].Exception.Message | Should -BeLike "*0 requests (0 records) were accepted*; $failed requests were refused*; $(12 - $failed) requests were not sent*"
        $errs[0].Exception.Message -match '\$results \| (Where-Object .+?) \| ForEach-Object Request' | Should -BeTrue
        $resend = @(Invoke-Expression "`$results | $($Matches[1])")
        $resend.Count | Should -Be 12
    }

    It 'reports a 400 with the service''s message and the request, once, and goes on' {
        Connect-EntraProvisioning -LocalEndpoint $ep
        $folder = Join-Path $TestDrive 'payloads'
        $null = 1..4 | ForEach-Object { @{ Id = "B$_"; Upn = "b$_@contoso.example" } } | ConvertTo-ScimUser -Mapping @{ externalId = 'Id'; userName = 'Upn' } |
            New-ScimBulkRequest -BatchSize 2 -OutFolder $folder
        $first = Join-Path $folder 'bulk-00001.json'
        (Get-Content $first -Raw) -replace '"externalId":"B1"', '"externalId":""' | Set-Content $first -NoNewline

        $results = Get-ChildItem $folder -Filter 'bulk-*.json' | Sort-Object Name | Send-ScimBulkRequest -ErrorVariable errs -ErrorAction SilentlyContinue
        $results.Status | Should -Be @('Failed', 'Accepted')
        $results[0].Attempts | Should -Be 1
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'SendScimBulkRequestBadRequest*'
        $errs[0].Exception.Message | Should -BeLike '*no externalId*'
        $errs[0].Exception.Message | Should -BeLike '*from *bulk-00001.json*'
        $errs[0].TargetObject.ExternalIds | Should -Be @('', 'B2')
    }

    It 'waits out a 429 storm, honouring Retry-After, until every request is accepted' {
        Invoke-Local $ep '_local/faults' -Method Put -Body @{ rateLimitCalls = 4; rateLimitWindow = '00:00:02'; dailyQuota = 0 } | Out-Null
        Connect-EntraProvisioning -LocalEndpoint $ep
        $results = New-Requests 12 -BatchSize 1 | Send-ScimBulkRequest -MaxCallsPer5Seconds 0 -ThrottleLimit 1
        $results.Count | Should -Be 12
        $results.Status | Select-Object -Unique | Should -Be 'Accepted'
        ($results | Measure-Object Attempts -Maximum).Maximum | Should -BeGreaterThan 1
    }

    It 'waits out 503 as Retry-After says' {
        Invoke-Local $ep '_local/faults' -Method Put -Body @{ rateLimitCalls = 0; dailyQuota = 0; seed = 4; unavailableRate = 0.5; unavailableRetryAfterSeconds = 1 } | Out-Null
        Connect-EntraProvisioning -LocalEndpoint $ep
        $results = New-Requests 6 -BatchSize 1 -Prefix 'U' | Send-ScimBulkRequest
        $results.Status | Select-Object -Unique | Should -Be 'Accepted'
        $retried = $results | Where-Object Attempts -gt 1
        $retried | Should -Not -BeNullOrEmpty
        # Retry-After is 1 s; the runtime's timer may fire a few milliseconds before the wall clock says a second passed.
        ($retried | Measure-Object { $_.Duration.TotalSeconds } -Minimum).Minimum | Should -BeGreaterOrEqual 0.95
    }

    It 'paces itself so that a long run sees no 429' {
        Invoke-Local $ep '_local/faults' -Method Put -Body @{ rateLimitCalls = 4; rateLimitWindow = '00:00:05'; dailyQuota = 0 } | Out-Null
        Connect-EntraProvisioning -LocalEndpoint $ep
        $results = New-Requests 9 -BatchSize 1 | Send-ScimBulkRequest -MaxCallsPer5Seconds 4
        $results.Status | Select-Object -Unique | Should -Be 'Accepted'
        ($results | Measure-Object Attempts -Maximum).Maximum | Should -Be 1
    }

    It 'pauses when the bucket is full and sends again' {
        Invoke-Local $ep '_local/faults' -Method Put -Body @{ rateLimitCalls = 0; dailyQuota = 0; seed = 5; bucketFullRate = 0.4 } | Out-Null
        Connect-EntraProvisioning -LocalEndpoint $ep
        $results = New-Requests 10 -BatchSize 1 | Send-ScimBulkRequest -BucketFullPause ([timespan]::FromMilliseconds(100)) -BucketFullRetries 10 -Verbose 4>&1
        $verbose = $results | Where-Object { $_ -is [Management.Automation.VerboseRecord] }
        $sent = $results | Where-Object { $_ -isnot [Management.Automation.VerboseRecord] }
        $sent.Status | Select-Object -Unique | Should -Be 'Accepted'
        $verbose.Message | Where-Object { $_ -like '*bucket is full*' } | Should -Not -BeNullOrEmpty
    }

    It 'does not send again a request whose connection dropped after it went out: its outcome is Unknown, its logs settle it' {
        Invoke-Local $ep '_local/faults' -Method Put -Body @{ rateLimitCalls = 0; dailyQuota = 0; seed = 2; dropRate = 0.3 } | Out-Null
        Connect-EntraProvisioning -LocalEndpoint $ep
        $results = New-Requests 10 -BatchSize 1 -Prefix 'D' | Send-ScimBulkRequest -RetryDelay 0.05 -RetryCount 10 -ErrorVariable errs -ErrorAction SilentlyContinue
        $results.Count | Should -Be 10
        ($results | Measure-Object Attempts -Maximum).Maximum | Should -Be 1
        $unknown = @($results | Where-Object Status -eq Unknown)
        $unknown.Count | Should -BeGreaterThan 0
        @($results | Where-Object Status -eq Accepted).Count | Should -Be (10 - $unknown.Count)
        $errs.Count | Should -Be $unknown.Count
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'SendScimBulkRequestOutcomeUnknown*'
        $errs[0].Exception.Message | Should -BeLike '*Get-ProvisioningLog*'
        $logs = $results | Get-ProvisioningLog -Wait -PollInterval 0.2 -Timeout 3 -ErrorVariable missing -ErrorAction SilentlyContinue
        $logs.Count | Should -Be (10 - $unknown.Count)
        $missing[0].TargetObject | Sort-Object | Should -Be ($unknown.ExternalIds | Sort-Object)
    }

    It 'stops when the daily quota is spent with one error, and every request has a result' {
        Invoke-Local $ep '_local/faults' -Method Put -Body @{ rateLimitCalls = 0; dailyQuota = 3 } | Out-Null
        Connect-EntraProvisioning -LocalEndpoint $ep
        $results = New-Requests 6 -BatchSize 1 | Send-ScimBulkRequest -ThrottleLimit 1 -ErrorVariable errs -ErrorAction SilentlyContinue
        $results.Status | Should -Be @('Accepted', 'Accepted', 'Accepted', 'NotSent', 'NotSent', 'NotSent')
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'SendScimBulkRequestQuotaExhausted*'
        $errs[0].Exception.Message | Should -BeLike '*3 requests (3 records) were accepted*'
        $errs[0].Exception.Message | Should -BeLike '*3 requests were not sent*Send-ScimBulkRequest*'
        (Invoke-RestMethod "$($ep.Uri)_local/info").quotaUsed | Should -Be 3
        $results[3].Request.ExternalIds | Should -Be 'W4'
    }

    It 'keeps several requests in flight and gives their results in input order' {
        Invoke-Local $ep '_local/faults' -Method Put -Body @{ rateLimitCalls = 40; dailyQuota = 0; latency = '00:00:00.2' } | Out-Null
        Connect-EntraProvisioning -LocalEndpoint $ep
        $results = New-Requests 24 -BatchSize 1 | Send-ScimBulkRequest -ThrottleLimit 8
        $results.Index | Should -Be (1..24)
        $results.ExternalIds | Should -Be (1..24 | ForEach-Object { "W$_" })
        $results.Status | Select-Object -Unique | Should -Be 'Accepted'
        @($results.ClientRequestId | Sort-Object -Unique).Count | Should -Be 24
    }

    It 'does not send again a request whose answer did not come within -TimeoutSec, and goes on: a timeout is not Ctrl+C' {
        Invoke-Local $ep '_local/faults' -Method Put -Body @{ rateLimitCalls = 0; dailyQuota = 0; holdRate = 1 } | Out-Null
        Connect-EntraProvisioning -LocalEndpoint $ep
        $results = New-Requests 2 -BatchSize 1 | Send-ScimBulkRequest -TimeoutSec 1 -ErrorVariable errs -ErrorAction SilentlyContinue
        $after = 'the next statement ran'
        $after | Should -Be 'the next statement ran'
        $results.Status | Should -Be @('Unknown', 'Unknown')
        $results.Attempts | Should -Be @(1, 1)
        $results[0].ErrorMessage | Should -BeLike '*No answer within 1 s*'
        $errs.FullyQualifiedErrorId | Should -BeLike 'SendScimBulkRequestOutcomeUnknown*'
        # At most once each: a loaded host may not have taken a request before the client gave up on it.
        (Invoke-RestMethod "$($ep.Uri)_local/info").quotaUsed | Should -BeLessOrEqual 2
    }

    It 'sends a request whose connection was reset after its body was read, or that got a 504, only once' {
        Invoke-Local $ep '_local/faults' -Method Put -Body @{ rateLimitCalls = 0; dailyQuota = 0; resetRate = 0.5; gatewayTimeoutRate = 0.5 } | Out-Null
        Connect-EntraProvisioning -LocalEndpoint $ep
        $results = New-Requests 6 -BatchSize 1 | Send-ScimBulkRequest -ErrorAction SilentlyContinue
        $results.Status | Select-Object -Unique | Should -Be 'Unknown'
        $results.StatusCode | Should -Contain 504
        $results.StatusCode | Should -Contain 0
        (Invoke-RestMethod "$($ep.Uri)_local/info").quotaUsed | Should -Be 6
        # The service did take them: the logs settle what the sender could not know.
        ($results | Get-ProvisioningLog -Wait -PollInterval 0.2 -Timeout 30).Count | Should -Be 6
    }

    It 'stops at a Retry-After longer than -MaxRetryAfter instead of waiting it out' {
        Invoke-Local $ep '_local/faults' -Method Put -Body @{ rateLimitCalls = 0; dailyQuota = 0; unavailableRate = 1; unavailableRetryAfterSeconds = 7200 } | Out-Null
        Connect-EntraProvisioning -LocalEndpoint $ep
        $results = New-Requests 4 -BatchSize 1 | Send-ScimBulkRequest -MaxRetryAfter 60 -ErrorVariable errs -ErrorAction SilentlyContinue
        $results.Count | Should -Be 4
        $results.Status | Select-Object -Unique | Should -Be 'NotSent'
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'SendScimBulkRequestRetryAfterTooLong*'
        $errs[0].Exception.Message | Should -BeLike '*7200 s*-MaxRetryAfter 60 s*0 requests (0 records) were accepted*'
    }

    It 'takes a number as seconds for TimeSpan parameters' {
        Invoke-Local $ep '_local/faults' -Method Put -Body @{ rateLimitCalls = 0; dailyQuota = 0; seed = 5; bucketFullRate = 1 } | Out-Null
        Connect-EntraProvisioning -LocalEndpoint $ep
        $verbose = New-Requests 1 | Send-ScimBulkRequest -BucketFullPause 1 -BucketFullRetries 1 -ErrorAction SilentlyContinue -Verbose 4>&1 |
            Where-Object { $_ -is [Management.Automation.VerboseRecord] }
        $verbose.Message | Where-Object { $_ -like '*bucket is full; pausing 1 s*' } | Should -Not -BeNullOrEmpty
        (Get-Command Send-ScimBulkRequest).Parameters['BucketFullPause'].Attributes.TypeId.Name | Should -Contain 'SecondsTimeSpanAttribute'
        foreach ($command in Get-Command -Module EntraInboundProvisioning) {
            foreach ($parameter in $command.Parameters.Values | Where-Object { $_.ParameterType -in [timespan], [Nullable[timespan]] }) {
                $parameter.Attributes.TypeId.Name | Should -Contain 'SecondsTimeSpanAttribute' -Because "$($command.Name) -$($parameter.Name)"
                $parameter.Attributes.TypeId.Name | Should -Contain 'ValidateTimeSpanRangeAttribute' -Because "$($command.Name) -$($parameter.Name)"
            }
        }
    }

    It 'refuses a negative pause and a zero poll interval before doing anything' {
        { New-Requests 1 | Send-ScimBulkRequest -BucketFullPause -300 } | Should -Throw -ErrorId 'ParameterArgumentValidationError*' -ExpectedMessage '*-300 s is not allowed*'
        { Get-ProvisioningLog -ExternalId X1 -PollInterval 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        { Get-ProvisioningLog -ExternalId X1 -Timeout -5 } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
    }

    It 'sends nothing with -WhatIf' {
        Connect-EntraProvisioning -LocalEndpoint $ep
        $results = New-Requests 5 -BatchSize 1 | Send-ScimBulkRequest -WhatIf
        $results | Should -BeNullOrEmpty
        (Invoke-RestMethod "$($ep.Uri)_local/info").quotaUsed | Should -Be 0
    }
}

Describe 'An unreachable service' {
    It 'stops after the first request''s connection retries, with a NotSent result for every request' {
        $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        Connect-EntraProvisioning -AccessToken (ConvertTo-SecureString 'token' -AsPlainText -Force) -GraphUri "http://127.0.0.1:$port/"
        $uri = "http://127.0.0.1:$port/v1.0/servicePrincipals/sp/synchronization/jobs/job/bulkUpload"
        $results = New-Requests 30 -BatchSize 1 | Send-ScimBulkRequest -Uri $uri -RetryCount 2 -RetryDelay 0.05 -ErrorVariable errs -ErrorAction SilentlyContinue
        $results.Count | Should -Be 30
        $results.Status | Select-Object -Unique | Should -Be 'NotSent'
        ($results | Measure-Object Attempts -Sum).Sum | Should -BeLessOrEqual (3 * 8)
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'SendScimBulkRequestUnreachable*'
        $errs[0].Exception.Message | Should -BeLike '*after 2 retries of request *30 requests were not sent*'
    }
}

Describe 'Connections' {
    BeforeAll { $script:ep = Start-ProvisioningEndpoint -ProcessingDelay 0.05 }
    AfterAll { Stop-ProvisioningEndpoint $ep }

    It 'checks at connect time that the job exists, naming the app''s jobs' {
        { Connect-EntraProvisioning -LocalEndpoint $ep -ServicePrincipalId $ep.ServicePrincipalId -JobId 'nope' } |
            Should -Throw -ErrorId 'ConnectEntraProvisioningJobNotFound*' -ExpectedMessage "*'nope'*does not exist*$($ep.JobId)*"
    }

    It 'warns, not fails, when an upload-only identity cannot read the job' {
        $issued = Invoke-Local $ep '_local/tokens' -Method Post -Body @{ roles = @('SynchronizationData-User.Upload') }
        $token = ConvertTo-SecureString $issued.access_token -AsPlainText -Force
        Connect-EntraProvisioning -AccessToken $token -GraphUri $ep.Uri -ServicePrincipalId $ep.ServicePrincipalId -JobId $ep.JobId -WarningVariable warned -WarningAction SilentlyContinue
        $warned.Message | Should -BeLike '*could not be verified*SynchronizationData-User.Upload*'
        (New-Requests 2 | Send-ScimBulkRequest).Status | Should -Be 'Accepted'
    }

    It 'shows the connection without secrets' {
        Connect-EntraProvisioning -LocalEndpoint $ep
        $info = Get-EntraProvisioningConnection
        $info.GraphUri | Should -Be "$($ep.Uri)v1.0/"
        $info.JobId | Should -Be $ep.JobId
        $info | Out-String | Should -Not -Match ([regex]::Escape((ConvertFrom-SecureString $ep.Token -AsPlainText)))
    }

    It 'keeps one connection per runspace, and Remove-Module signs out' {
        Connect-EntraProvisioning -LocalEndpoint $ep
        $modulePath = Get-EipModulePath
        $other = Start-ProvisioningEndpoint
        try {
            $seen = 1..2 | ForEach-Object -ThrottleLimit 2 -Parallel {
                Import-Module $using:modulePath
                $before = Get-EntraProvisioningConnection
                Connect-EntraProvisioning -LocalEndpoint $using:other
                $mine = (Get-EntraProvisioningConnection).GraphUri
                Disconnect-EntraProvisioning
                [pscustomobject]@{ Before = $before; Mine = $mine }
            }
            $seen.Before | Should -BeNullOrEmpty
            $seen.Mine | Select-Object -Unique | Should -Be "$($other.Uri)v1.0/"
            (Get-EntraProvisioningConnection).GraphUri | Should -Be "$($ep.Uri)v1.0/"
            (New-Requests 1 | Send-ScimBulkRequest).Status | Should -Be 'Accepted'

            $ps = [powershell]::Create().AddScript({
                param($ModulePath, $Endpoint)
                Import-Module $ModulePath
                Connect-EntraProvisioning -LocalEndpoint $Endpoint
                Remove-Module EntraInboundProvisioning
                Import-Module $ModulePath
                [bool](Get-EntraProvisioningConnection)
            }).AddArgument($modulePath).AddArgument($other)
            $ps.Invoke() | Should -Be $false
            $ps.Dispose()
        }
        finally { Stop-ProvisioningEndpoint $other }
    }
}

Describe 'Finding the job' {
    It 'names the jobs when the app has several and none was chosen' {
        $config = Join-Path $TestDrive 'endpoint.json'
        @{ servicePrincipals = @(@{ id = 'sp-two-jobs'; appId = 'app-two-jobs'; displayName = 'Two jobs'; jobIds = @('API2AAD.one', 'API2AAD.two') }) } |
            ConvertTo-Json -Depth 4 | Set-Content $config
        $two = Start-ProvisioningEndpoint -ConfigurationPath $config
        try {
            $two.ServicePrincipalId | Should -Be 'sp-two-jobs'
            { Connect-EntraProvisioning -LocalEndpoint $two -ServicePrincipalId 'app-two-jobs' } |
                Should -Throw -ErrorId 'ConnectEntraProvisioningJobNotFound*' -ExpectedMessage '*2 provisioning jobs*API2AAD.one, API2AAD.two*'
            $info = Connect-EntraProvisioning -LocalEndpoint $two -ServicePrincipalId 'app-two-jobs' -JobId 'API2AAD.two' -PassThru
            $info.ServicePrincipalId | Should -Be 'sp-two-jobs'
            $info.JobId | Should -Be 'API2AAD.two'
        }
        finally { Stop-ProvisioningEndpoint $two }
    }
}

Describe 'Stopping a send' {
    It 'stops at once on Ctrl+C, even in a long pause' {
        $slow = Start-ProvisioningEndpoint -BucketFullRate 1
        try {
            $ps = New-OneRequestPipeline $slow 'Send-ScimBulkRequest -BucketFullPause ([timespan]::FromMinutes(10)) -Verbose'
            $null = $ps.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            while (-not ($ps.Streams.Warning.Message -like '*bucket is full*') -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            # A ten-minute pause is a warning, not only a verbose message.
            $ps.Streams.Warning.Message | Where-Object { $_ -like '*bucket is full*' } | Should -Not -BeNullOrEmpty
            $deadline = [DateTime]::UtcNow.AddSeconds(5)
            while (-not ($ps.Streams.Progress | Where-Object SecondsRemaining -gt 60) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            ($ps.Streams.Progress | Where-Object SecondsRemaining -gt 60 | Select-Object -First 1).StatusDescription | Should -BeLike '*waiting as the service asked*'
            $stop = $ps.BeginStop($null, $null)
            $stop.AsyncWaitHandle.WaitOne([timespan]::FromSeconds(15)) | Should -BeTrue
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            $ps.Dispose()
        }
        finally { Stop-ProvisioningEndpoint $slow }
    }
}

Describe 'Get-ProvisioningLog' {
    BeforeAll {
        $script:ep = Start-ProvisioningEndpoint -ProcessingDelay ([timespan]::FromMilliseconds(50))
        Connect-EntraProvisioning -LocalEndpoint $ep
    }
    AfterAll { Stop-ProvisioningEndpoint $ep }

    It 'runs 10,000 workers through send and logs with every worker accounted for' {
        $csv = Join-Path $TestDrive 'workers.csv'
        $lines = [Collections.Generic.List[string]]::new()
        $lines.Add('WorkerID,UserID,FullName,WorkerStatus')
        foreach ($i in 1..10000) { $lines.Add("$i,u$i@contoso.example,`"Worker, $i`",Active") }
        [IO.File]::WriteAllLines($csv, $lines)

        $results = Import-HrCsv $csv | ConvertTo-ScimUser -Mapping @{ externalId = 'WorkerID'; userName = 'UserID'; displayName = 'FullName'; active = { $_.WorkerStatus -eq 'Active' } } |
            New-ScimBulkRequest | Send-ScimBulkRequest
        $results.Count | Should -Be 200
        $results.Status | Select-Object -Unique | Should -Be 'Accepted'
        ($results | Measure-Object Attempts -Maximum).Maximum | Should -Be 1

        $logs = $results | Get-ProvisioningLog -Wait -PollInterval ([timespan]::FromSeconds(1)) -Timeout ([timespan]::FromMinutes(2))
        $logs.Count | Should -Be 10000
        @($logs.ExternalId | Sort-Object -Unique).Count | Should -Be 10000
        $summary = $results | Get-ProvisioningLog -Summary
        $summary.Action | Should -Be 'create'
        $summary.Status | Should -Be 'success'
        $summary.Count | Should -Be 10000
    }

    It 'filters by status, action and externalId' {
        $failed = Get-ProvisioningLog -Status failure
        $failed | Should -BeNullOrEmpty
        (Get-ProvisioningLog -ExternalId '42').ExternalId | Should -Be '42'
        (Get-ProvisioningLog -Action create -Since ([datetimeoffset]::UtcNow.AddHours(-1)) | Measure-Object).Count | Should -Be 10000
    }

    It 'waits with -Status for each worker''s entry, whatever its status, then filters' {
        $results = New-Requests 3 -Prefix 'S' | Send-ScimBulkRequest
        $failed = $results | Get-ProvisioningLog -Wait -Status failure -PollInterval 0.2 -Timeout 60 -ErrorVariable errs
        $failed | Should -BeNullOrEmpty
        $errs | Should -BeNullOrEmpty
        ($results | Get-ProvisioningLog -Status success).ExternalId | Sort-Object | Should -Be @('S1', 'S2', 'S3')
    }

    It 'shows the time left while it waits for entries' {
        $slow = Start-ProvisioningEndpoint -ProcessingDelay 2
        try {
            $ps = New-OneRequestPipeline $slow 'Send-ScimBulkRequest | Get-ProvisioningLog -Wait -PollInterval 0.5 -Timeout 60'
            $entries = $ps.Invoke()
            $entries.ExternalId | Should -Be 'P1'
            $waiting = $ps.Streams.Progress | Where-Object { $_.Activity -eq 'Get-ProvisioningLog' -and $_.StatusDescription -like '*waiting for the rest*' }
            $waiting | Should -Not -BeNullOrEmpty
            ($waiting | Measure-Object SecondsRemaining -Maximum).Maximum | Should -BeGreaterThan 30
            $ps.Dispose()
        }
        finally { Stop-ProvisioningEndpoint $slow }
    }

    It 'says which workers have no entry yet' {
        $early = Start-ProvisioningEndpoint -ProcessingDelay ([timespan]::FromMinutes(5))
        try {
            Connect-EntraProvisioning -LocalEndpoint $early
            $results = New-Requests 3 | Send-ScimBulkRequest
            $logs = $results | Get-ProvisioningLog -ErrorVariable errs -ErrorAction SilentlyContinue
            $logs | Should -BeNullOrEmpty
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'GetProvisioningLogEntriesMissing*'
            $errs[0].Exception.Message | Should -BeLike '3 of 3 workers*'
        }
        finally {
            Stop-ProvisioningEndpoint $early
            Connect-EntraProvisioning -LocalEndpoint $ep
        }
    }

    It 'resends exactly the workers that failed, in one pipeline' {
        $csv = Join-Path $TestDrive 'resend.csv'
        "WorkerID,UserID,FullName`nR1,r1@contoso.example,One`nR2,,Two`nR3,r3@contoso.example,Three" | Set-Content $csv
        $map = @{ externalId = 'WorkerID'; userName = 'UserID'; displayName = 'FullName' }
        $first = Import-HrCsv $csv | ConvertTo-ScimUser -Mapping $map | New-ScimBulkRequest | Send-ScimBulkRequest
        $failed = $first | Get-ProvisioningLog -Wait -PollInterval ([timespan]::FromMilliseconds(200)) -Timeout ([timespan]::FromSeconds(30)) |
            Where-Object Status -eq 'failure' | Select-Object -ExpandProperty ExternalId -Unique
        $failed | Should -Be 'R2'

        "WorkerID,UserID,FullName`nR1,r1@contoso.example,One`nR2,r2@contoso.example,Two`nR3,r3@contoso.example,Three" | Set-Content $csv
        # A resend comes minutes later in real life; past the 5 s clock leeway, the first failure is not taken for the answer.
        Start-Sleep -Seconds 6
        $again = Import-HrCsv $csv | ConvertTo-ScimUser -Mapping $map | Where-Object ExternalId -in $failed | New-ScimBulkRequest | Send-ScimBulkRequest
        $again.ExternalIds | Should -Be @('R2')
        $retried = $again | Get-ProvisioningLog -Wait -PollInterval ([timespan]::FromMilliseconds(200)) -Timeout ([timespan]::FromSeconds(30))
        $retried.ExternalId | Should -Be 'R2'
        $retried.Status | Should -Be 'success'
    }
}
