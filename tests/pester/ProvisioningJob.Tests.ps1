BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-EipModulePath) -Force
    $script:mapping = Get-OwnSamplePath 'AttributeMapping.psd1'
    $script:workers = Get-OwnSamplePath 'workers.csv'
    $script:csvUrn = 'urn:ietf:params:scim:schemas:extension:csv:1.0:User'
    $script:fast = @{ PollInterval = [timespan]::FromMilliseconds(200); Timeout = [timespan]::FromMinutes(2) }

    function Invoke-Local($Endpoint, [string] $Path, [string] $Method = 'Get', $Body) {
        $arguments = @{ Uri = "$($Endpoint.Uri)$Path"; Method = $Method; Authentication = 'Bearer'; Token = $Endpoint.Token; AllowUnencryptedAuthentication = $true }
        if ($Body) { $arguments.Body = ($Body | ConvertTo-Json); $arguments.ContentType = 'application/json' }
        Invoke-RestMethod @arguments
    }

    # Invoke-RestMethod writes a JSON array as one object; a variable written out gives its users one by one.
    function Get-LocalUser($Endpoint) {
        $users = Invoke-Local $Endpoint '_local/directory'
        $users
    }

    function Wait-Applied($Endpoint) {
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        while ((Invoke-RestMethod "$($Endpoint.Uri)_local/info").pendingUploads -gt 0 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
    }

    function Send-Workers {
        [CmdletBinding()]
        param([string] $Prefix, [int] $Count, [bool] $Active = $true)
        1..$Count | ForEach-Object { @{ Id = "$Prefix$_"; Upn = "$Prefix$_@contoso.example"; Active = $Active } } |
            ConvertTo-ScimUser -Mapping @{ externalId = 'Id'; userName = 'Upn'; active = { $_.Active } } | New-ScimBulkRequest | Send-ScimBulkRequest
    }

    function Send-SampleExport {
        Import-HrCsv $workers | ConvertTo-ScimUser -Mapping $mapping -ErrorAction SilentlyContinue | New-ScimBulkRequest | Send-ScimBulkRequest
    }

    function Get-CustomSchemaNames { (Get-ProvisioningSchema | Where-Object Name -like "$csvUrn*").Name }

    # The job's schema exactly as the endpoint stores it, as JSON text.
    function Get-RawSchema($Endpoint) {
        $path = "v1.0/servicePrincipals/$($Endpoint.ServicePrincipalId)/synchronization/jobs/$($Endpoint.JobId)/schema"
        Invoke-RestMethod "$($Endpoint.Uri)$path" -Authentication Bearer -Token $Endpoint.Token -AllowUnencryptedAuthentication | ConvertTo-Json -Depth 50
    }

    function Set-RawSchema($Endpoint, [string] $Json) {
        $path = "v1.0/servicePrincipals/$($Endpoint.ServicePrincipalId)/synchronization/jobs/$($Endpoint.JobId)/schema"
        Invoke-RestMethod "$($Endpoint.Uri)$path" -Method Put -Body $Json -ContentType 'application/json' -Authentication Bearer -Token $Endpoint.Token -AllowUnencryptedAuthentication
    }

    function Get-JobState($Endpoint) {
        $path = "v1.0/servicePrincipals/$($Endpoint.ServicePrincipalId)/synchronization/jobs/$($Endpoint.JobId)"
        $job = Invoke-RestMethod "$($Endpoint.Uri)$path" -Authentication Bearer -Token $Endpoint.Token -AllowUnencryptedAuthentication
        $job.status | Select-Object code, quarantine, lastExecution, steadyStateLastAchievedTime | ConvertTo-Json -Depth 10
    }
}

AfterAll {
    Disconnect-EntraProvisioning
}

Describe 'Running the provisioning job on the local endpoint' {
    BeforeAll {
        $script:ep = Start-ProvisioningEndpoint -ProcessingDelay ([timespan]::FromMilliseconds(50))
    }
    AfterAll { Stop-ProvisioningEndpoint $ep }
    BeforeEach {
        Wait-Applied $ep
        Invoke-Local $ep '_local/reset' -Method Post | Out-Null
        Invoke-Local $ep '_local/settings' -Method Put -Body @{ deletionThreshold = 0 } | Out-Null
        Connect-EntraProvisioning -LocalEndpoint $ep
    }

    It 'shows NotRun, then Active with the last execution after a send' {
        $job = Get-ProvisioningJob
        $job.Status | Should -Be 'NotRun'
        $job.JobId | Should -Be $ep.JobId
        $job.LastExecutionState | Should -BeNullOrEmpty

        $results = Send-Workers 'A' 3
        $null = $results | Get-ProvisioningLog -Wait @fast
        $job = Get-ProvisioningJob
        $job.Status | Should -Be 'Active'
        $job.CountImported | Should -Be 3
        $job.CountExported | Should -Be 3
        $job.LastExecutionState | Should -Be 'Succeeded'
        $job.SteadyStateLastAchieved | Should -Not -BeNullOrEmpty
        ($job | Out-String) | Should -Match 'Succeeded: 3 imported, 3 exported, 0 escrowed'
    }

    It 'holds an upload while paused, warning before the send, and applies it once started' {
        Suspend-ProvisioningJob -Confirm:$false
        (Get-ProvisioningJob).Status | Should -Be 'Paused'

        $results = Send-Workers 'P' 2 -WarningVariable warned
        $warned.Count | Should -Be 1
        "$warned" | Should -BeLike '*paused*waits*Start-ProvisioningJob applies it*'
        "$warned" | Should -BeLike '*restart discards what was uploaded*'
        "$warned" | Should -BeLike '*No provisioning logs are written until the job runs*Get-ProvisioningLog -Wait finds nothing*'
        $results.Status | Should -Be 'Accepted'
        Wait-Applied $ep
        Get-ProvisioningLog -ExternalId P1, P2 | Should -BeNullOrEmpty
        (Get-ProvisioningJob).Status | Should -Be 'Paused'

        (Start-ProvisioningJob -PassThru -Confirm:$false).Status | Should -BeIn 'NotRun', 'Active'
        $logs = $results | Get-ProvisioningLog -Wait @fast
        $logs.Count | Should -Be 2
        $logs.Action | Select-Object -Unique | Should -Be 'create'
        (Get-ProvisioningJob).Status | Should -Be 'Active'
    }

    It 'restarts a paused job by scope, discarding what was uploaded while it was not running' {
        Suspend-ProvisioningJob -Confirm:$false
        $results = Send-Workers 'D' 2 -WarningAction SilentlyContinue
        Wait-Applied $ep
        (Restart-ProvisioningJob -ResetScope Watermark, Escrows -Confirm:$false -PassThru).Status | Should -Be 'NotRun'
        Start-ProvisioningJob -Confirm:$false
        $null = Send-Workers 'E' 1 | Get-ProvisioningLog -Wait @fast
        Get-ProvisioningLog -ExternalId ($results.ExternalIds) | Should -BeNullOrEmpty
        (Get-ProvisioningJob).Status | Should -Be 'Active'
    }

    It 'takes -JobId alone as a job of the connected app, on every job cmdlet, and refuses a piped job with -JobId' {
        (Get-ProvisioningJob -JobId $ep.JobId).JobId | Should -Be $ep.JobId
        { Get-ProvisioningJob -JobId 'nope' } | Should -Throw -ErrorId 'GetProvisioningJobJobNotFound*' -ExpectedMessage "*'nope'*"
        { Suspend-ProvisioningJob -JobId 'nope' -Confirm:$false } | Should -Throw -ErrorId 'SuspendProvisioningJobJobNotFound*'
        { Start-ProvisioningJob -JobId 'nope' -Confirm:$false } | Should -Throw -ErrorId 'StartProvisioningJobJobNotFound*'
        { Restart-ProvisioningJob -JobId 'nope' -Confirm:$false } | Should -Throw -ErrorId 'RestartProvisioningJobJobNotFound*'
        { Get-ProvisioningSchema -JobId 'nope' } | Should -Throw -ErrorId 'GetProvisioningSchemaJobNotFound*'
        { Update-ProvisioningSchema -Mapping $mapping -Path $workers -JobId 'nope' } | Should -Throw -ErrorId 'UpdateProvisioningSchemaJobNotFound*'
        (Get-ProvisioningJob).Status | Should -Be 'NotRun' -Because 'the connected job was not paused instead'

        { Get-ProvisioningJob | Suspend-ProvisioningJob -JobId 'nope' -Confirm:$false } |
            Should -Throw -ErrorId 'SuspendProvisioningJobJobGivenTwice*' -ExpectedMessage "*$($ep.JobId)*-JobId*"
        (Get-ProvisioningJob).Status | Should -Be 'NotRun'
    }

    It 'changes nothing with -WhatIf: not the job, not what it holds, not its schema' {
        $schema = Get-RawSchema $ep
        $job = Get-JobState $ep
        Suspend-ProvisioningJob -WhatIf
        Start-ProvisioningJob -WhatIf
        Restart-ProvisioningJob -ResetScope Full -WhatIf
        Update-ProvisioningSchema -Mapping $mapping -Path $workers -WhatIf | Should -BeNullOrEmpty
        Get-JobState $ep | Should -Be $job
        Get-RawSchema $ep | Should -Be $schema

        Suspend-ProvisioningJob -Confirm:$false
        $held = Send-Workers 'W' 2 -WarningAction SilentlyContinue
        Wait-Applied $ep
        $job = Get-JobState $ep
        Start-ProvisioningJob -WhatIf
        Restart-ProvisioningJob -ResetScope Full -WhatIf
        Get-JobState $ep | Should -Be $job
        (Get-ProvisioningJob).Status | Should -Be 'Paused'
        Start-ProvisioningJob -Confirm:$false
        ($held | Get-ProvisioningLog -Wait @fast).Count | Should -Be 2 -Because 'a restart would have discarded the held upload'
    }

    It 'warns when it types attributes String for want of an export row, and reports a type that differs from the schema''s' {
        $added = Update-ProvisioningSchema -Mapping $mapping -WarningVariable warned
        ($added | Where-Object Action -eq Added).Count | Should -Be 4
        $warned.Count | Should -Be 1
        "$warned" | Should -BeLike '*2 of 4 attributes to add are typed String*HireDate*OnLeave*-Path*Import-HrCsv*'

        $again = Update-ProvisioningSchema -Mapping $mapping -Path $workers -WarningVariable warned
        $differ = $again | Where-Object Action -eq TypeDiffers
        ($differ.Name | Sort-Object) | Should -Be @("${csvUrn}:HireDate", "${csvUrn}:OnLeave")
        ($differ | Where-Object Name -like '*HireDate').MappingType | Should -Be 'DateTime'
        ($differ | Where-Object Name -like '*HireDate').Type | Should -Be 'String'
        $warned.Count | Should -Be 1
        "$warned" | Should -BeLike "*2 attributes are in the schema with another type*${csvUrn}:HireDate: String in the schema, DateTime from*"
        (Get-ProvisioningSchema | Where-Object Name -eq "${csvUrn}:HireDate").Type | Should -Be 'String' -Because 'an existing attribute is reported, not changed'
    }

    It 'puts back every part of the schema it did not add, values the Graph SDK does not know included' {
        $schema = Get-RawSchema $ep | ConvertFrom-Json
        $source = $schema.directories | Where-Object name -eq 'API'
        $nickName = $source.objects[0].attributes | Where-Object name -eq 'nickName'
        $nickName.type = 'FutureType'
        $nickName.mutability = 'FutureMutability'
        $nickName | Add-Member futureProperty 'kept'
        Set-RawSchema $ep ($schema | ConvertTo-Json -Depth 50)
        $before = Get-RawSchema $ep | ConvertFrom-Json

        $null = Update-ProvisioningSchema -Mapping $mapping -Path $workers
        $after = Get-RawSchema $ep | ConvertFrom-Json
        $afterSource = ($after.directories | Where-Object name -eq 'API').objects[0]
        ($afterSource.attributes | Where-Object name -like "$csvUrn*").Count | Should -Be 4
        (Get-ProvisioningSchema | Where-Object Name -eq 'nickName').Type | Should -Be 'FutureType'
        $afterSource.attributes = @($afterSource.attributes | Where-Object name -notlike "$csvUrn*")
        $before.version = $after.version = $null
        ($after | ConvertTo-Json -Depth 50) | Should -Be ($before | ConvertTo-Json -Depth 50)
    }

    It 'adds the mapping''s four custom attributes once, typed from the export, and -WhatIf adds none' {
        Update-ProvisioningSchema -Mapping $mapping -Path $workers -WhatIf | Should -BeNullOrEmpty
        Get-CustomSchemaNames | Should -BeNullOrEmpty

        $first = Update-ProvisioningSchema -Mapping $mapping -Path $workers
        ($first | Where-Object Action -eq Added).Name | Sort-Object | Should -Be @("${csvUrn}:GenderPronoun", "${csvUrn}:HireDate", "${csvUrn}:Location", "${csvUrn}:OnLeave")
        $types = @{}; Get-ProvisioningSchema | Where-Object Name -like "$csvUrn*" | ForEach-Object { $types[$_.Name.Split(':')[-1]] = $_.Type }
        $types.HireDate | Should -Be 'DateTime'
        $types.OnLeave | Should -Be 'Boolean'
        $types.Location | Should -Be 'String'
        (Get-CustomSchemaNames).Count | Should -Be 4
        $stored = ((Get-RawSchema $ep | ConvertFrom-Json).directories | Where-Object name -eq 'API').objects[0].attributes.name -like "$csvUrn*"
        ($stored | Sort-Object) | Should -Be @("${csvUrn}:GenderPronoun", "${csvUrn}:HireDate", "${csvUrn}:Location", "${csvUrn}:OnLeave") -Because 'the endpoint returns exactly those four'

        $second = Update-ProvisioningSchema -Mapping $mapping
        $second | Where-Object Action -eq Added | Should -BeNullOrEmpty
        ($second | Where-Object Action -eq Present).Count | Should -Be 4
        (Get-CustomSchemaNames).Count | Should -Be 4
    }

    It 'reports custom attributes as not applied before the schema has them, and applies them in full after' {
        $before = Send-SampleExport
        $logs = $before | Get-ProvisioningLog -Wait @fast
        $logs.Count | Should -Be 960
        $notApplied = $logs | Where-Object Reason -like "*not in the job's schema*"
        $notApplied.Count | Should -Be 960
        $notApplied[0].Reason | Should -BeLike "*${csvUrn}:HireDate*"
        $directory = Get-LocalUser $ep
        $directory | Where-Object { $_.attributes.PSObject.Properties.Name -like "$csvUrn*" } | Should -BeNullOrEmpty

        $null = Update-ProvisioningSchema -Mapping $mapping -Path $workers
        # Send results find their entries from 5 s before the send (clock skew): send again only after that.
        Start-Sleep -Seconds 6
        $after = Send-SampleExport
        $logs = $after | Get-ProvisioningLog -Wait @fast
        $logs.Count | Should -Be 960
        $logs | Where-Object Reason -like '*schema*' | Should -BeNullOrEmpty
        $logs.Action | Select-Object -Unique | Should -Be 'update'
        $directory = Get-LocalUser $ep
        $withHireDate = $directory | Where-Object { $_.attributes."${csvUrn}:HireDate" }
        $withHireDate.Count | Should -Be 960
        ($directory | Where-Object { $_.attributes."${csvUrn}:OnLeave" -in 'true', 'false' }).Count | Should -Be 960
    }

    It 'stages disables past the deletion threshold and quarantines the job; start clears the quarantine and leaves them staged, restart with ForceDeletes applies them' {
        Invoke-Local $ep '_local/settings' -Method Put -Body @{ deletionThreshold = 3 } | Out-Null
        $null = Send-Workers 'L' 5
        Wait-Applied $ep
        $leavers = Send-Workers 'L' 5 -Active $false
        $staged = $leavers | Get-ProvisioningLog -Wait @fast -Action stagedDelete
        $staged.Count | Should -Be 5
        $staged[0].Reason | Should -BeLike '*threshold of 3*'
        (Get-ProvisioningLog -Action disable) | Should -BeNullOrEmpty
        (Get-ProvisioningLog -Action StagedDelete).Count | Should -Be 5 -Because 'the service filters case-sensitively, so the cmdlet sends the v1.0 spelling'

        $job = Get-ProvisioningJob
        $job.Status | Should -Be 'Quarantine'
        $job.QuarantineReason | Should -Be 'TooManyDeletes'
        $job.QuarantineSince | Should -Not -BeNullOrEmpty
        ($job | Out-String) | Should -Match 'TooManyDeletes since'
        (Get-LocalUser $ep | Where-Object active -eq $false) | Should -BeNullOrEmpty

        $held = Send-Workers 'Q' 1 -WarningVariable warned
        Wait-Applied $ep
        $warned.Count | Should -Be 1
        "$warned" | Should -BeLike '*quarantine*TooManyDeletes*Start-ProvisioningJob clears the quarantine and applies it*restart discards it*send again*'
        "$warned" | Should -BeLike '*Start-ProvisioningJob ends the quarantine and leaves them staged*ForceDeletes applies them*'
        "$warned" | Should -BeLike '*No provisioning logs are written until the job runs*'
        Get-ProvisioningLog -ExternalId Q1 | Should -BeNullOrEmpty

        # Microsoft: "If the job is in quarantine, the quarantine status is cleared."
        Start-ProvisioningJob -Confirm:$false -ErrorVariable startError
        $startError | Should -BeNullOrEmpty
        ($held | Get-ProvisioningLog -Wait @fast).Action | Should -Be 'create' -Because 'start applies what the job held'
        (Get-ProvisioningJob).Status | Should -Be 'Active'
        (Get-ProvisioningLog -Action disable) | Should -BeNullOrEmpty -Because 'start does not apply the disables the threshold held'
        (Get-LocalUser $ep | Where-Object active -eq $false) | Should -BeNullOrEmpty

        Restart-ProvisioningJob -ResetScope ForceDeletes -Confirm:$false
        (Get-ProvisioningLog -Action disable).Count | Should -Be 5
        (Get-LocalUser $ep | Where-Object active -eq $false).Count | Should -Be 5
        (Get-ProvisioningJob).Status | Should -Be 'Active'
    }

    It 'gives one summary per cycle for the last cycles, and their entries without -Summary' {
        foreach ($send in @(@{ Count = 4; Active = $true }, @{ Count = 2; Active = $false }, @{ Count = 3; Active = $true })) {
            $null = Send-Workers 'C' @send
            Wait-Applied $ep
        }

        $cycles = Get-ProvisioningLog -LastCycles 2 -Summary
        $cycles.Count | Should -Be 2
        $cycles.CycleId | Select-Object -Unique | Should -HaveCount 2
        $cycles[0].Users | Should -Be 3
        $cycles[0]['update'].Success | Should -Be 2
        $cycles[0]['other'].Skipped | Should -Be 1
        $cycles[1]['disable'].Success | Should -Be 2
        $cycles[1].StartDateTime | Should -BeLessOrEqual $cycles[0].StartDateTime
        $table = ($cycles | Out-String -Width 80) -split "`r?`n" | Where-Object { $_ }
        $table[0] | Should -Match '^Start\s+Users\s+Created\s+Updated\s+Disabled\s+Staged\s+Skipped\s+Failed\s+Warnings$' -Because 'the default view fits an 80-column console with every count'
        $table | Where-Object Length -gt 80 | Should -BeNullOrEmpty
        $table[2] | Should -Match '^\d{4}-\d\d-\d\d \d\d:\d\d\s+3\s+\d*\s+2\s'

        $entries = Get-ProvisioningLog -LastCycles 2
        $entries.Count | Should -Be 5
        ($entries.CycleId | Select-Object -Unique) | Should -Be $cycles.CycleId
    }
}

Describe 'Schema names and permissions' {
    BeforeAll {
        $script:ep = Start-ProvisioningEndpoint -ProcessingDelay ([timespan]::FromMilliseconds(50))
    }
    AfterAll { Stop-ProvisioningEndpoint $ep }

    It 'refuses names the service would reject, naming every key, before anything is sent' {
        Connect-EntraProvisioning -LocalEndpoint $ep
        $bad = @{ externalId = 'Id'; userName = 'Upn'; $csvUrn = @{ 'Hire Date' = 'HireDate'; '"Location"' = 'Location'; Site = 'Site' } }
        { Update-ProvisioningSchema -Mapping $bad } |
            Should -Throw -ErrorId 'UpdateProvisioningSchemaInvalidAttributeName*' -ExpectedMessage '*2 problems in 3 names*'
        { Update-ProvisioningSchema -Mapping $bad } | Should -Throw -ExpectedMessage "*${csvUrn}.Hire Date:*"
        { Update-ProvisioningSchema -Mapping $bad } | Should -Throw -ExpectedMessage "*${csvUrn}.`"Location`":*"
        Get-CustomSchemaNames | Should -BeNullOrEmpty
    }

    It 'adds every column of an export under -ScimSchemaNamespace, as CSV2SCIM -UpdateSchema did' {
        Connect-EntraProvisioning -LocalEndpoint $ep
        $csv = New-TestCsv "WorkerID,userName,Badge,Floor`n1,a@contoso.example,B1,3`n"
        $added = Update-ProvisioningSchema -ScimSchemaNamespace 'urn:ietf:params:scim:schemas:extension:acme:1.0:User' -Path $csv
        $added.Name | Should -Be @('WorkerID', 'userName', 'Badge', 'Floor' | ForEach-Object { "urn:ietf:params:scim:schemas:extension:acme:1.0:User:$_" })
        $added.Action | Select-Object -Unique | Should -Be 'Added'
        $csv2 = New-TestCsv "WorkerID,Hire Date`n1,2020-01-01`n"
        { Import-HrCsv $csv2 | Update-ProvisioningSchema -ScimSchemaNamespace 'urn:ietf:params:scim:schemas:extension:acme:1.0:User' } |
            Should -Throw -ErrorId 'UpdateProvisioningSchemaInvalidAttributeName*' -ExpectedMessage '*Hire Date*'
    }

    It 'puts every attribute that ConvertTo-ScimUser -ScimSchemaNamespace sends in the schema, mapped columns included' {
        Connect-EntraProvisioning -LocalEndpoint $ep
        $urn = 'urn:ietf:params:scim:schemas:extension:hr:1.0:User'
        $null = Import-HrCsv $workers | Update-ProvisioningSchema -Mapping $mapping -ScimSchemaNamespace $urn
        $schema = (Get-ProvisioningSchema).Name
        $user = Import-HrCsv $workers | Select-Object -First 1 | ConvertTo-ScimUser -Mapping $mapping -ScimSchemaNamespace $urn
        $sent = ($user.Json | ConvertFrom-Json).$urn.PSObject.Properties.Name
        $sent.Count | Should -BeGreaterThan 20
        $sent | Should -Contain 'WorkerID' -Because 'a column the mapping also uses is sent there too'
        $sent | Where-Object { "${urn}:$_" -notin $schema } | Should -BeNullOrEmpty
    }

    It 'types each attribute from the first row that gives it a value, and names those no row read typed' {
        Connect-EntraProvisioning -LocalEndpoint $ep
        $urn = 'urn:ietf:params:scim:schemas:extension:typed:1.0:User'
        $csv = New-TestCsv "WorkerID,UserID,HireDate,OnLeave,Grade`n1,u1@contoso.example,,,`n2,u2@contoso.example,2020-01-01,True,`n"
        $typed = @{ externalId = 'WorkerID'; userName = 'UserID'; $urn = @{
            HireDate = { if ($_.HireDate) { $_.HireDate + 'T00:00:00Z' } }; OnLeave = { [bool]::Parse($_.OnLeave) }; Grade = { if ($_.Grade) { [int] $_.Grade } } } }

        Import-HrCsv $csv | Update-ProvisioningSchema -Mapping $typed -WhatIf -WarningVariable piped
        "$piped" | Should -BeLike "*1 of 3 attributes*none of the 2 rows read*${urn}:Grade*"
        $added = Update-ProvisioningSchema -Mapping $typed -Path $csv -WarningVariable warned
        ($added | Where-Object Name -eq "${urn}:HireDate").Type | Should -Be 'DateTime' -Because 'the first row has no hire date and the second has one'
        ($added | Where-Object Name -eq "${urn}:OnLeave").Type | Should -Be 'Boolean' -Because 'the first row''s scriptblock throws and the second''s gives True'
        ($added | Where-Object Name -eq "${urn}:Grade").Type | Should -Be 'String'
        $warned.Count | Should -Be 1
        "$warned" | Should -BeLike "*1 of 3 attributes to add are typed String because none of the 2 rows read gave them a value*(${urn}:Grade)*"
        "$warned" | Should -Not -BeLike '*give the export*' -Because 'the export was given'
    }

    It 'reports a column the export lacks as Test-ScimMapping does, and adds nothing' {
        Connect-EntraProvisioning -LocalEndpoint $ep
        $urn = 'urn:ietf:params:scim:schemas:extension:missing:1.0:User'
        $misspelt = @{ externalId = 'WorkerID'; userName = 'UserID'; $urn = @{ HireDate = 'HireDat' } }
        $test = Import-HrCsv $workers | Select-Object -First 1 | Test-ScimMapping -Mapping $misspelt
        $test.IsValid | Should -BeFalse
        $failure = try { Update-ProvisioningSchema -Mapping $misspelt -Path $workers; $null } catch { $_ }
        $failure.FullyQualifiedErrorId | Should -BeLike 'UpdateProvisioningSchemaInvalidMapping*'
        $failure.Exception.Message | Should -Be $test.Problem
        $failure.Exception.Message | Should -BeLike "*'HireDat'*Did you mean 'HireDate'*"

        $computed = @{ externalId = 'WorkerID'; userName = 'UserID'; $urn = @{ Grade = { $_.NoSuchColumn.Trim() } } }
        { Update-ProvisioningSchema -Mapping $computed -Path $workers } |
            Should -Throw -ErrorId 'UpdateProvisioningSchemaInvalidMapping*' -ExpectedMessage "*'NoSuchColumn' in its scriptblock*"
        { Update-ProvisioningSchema -ScimSchemaNamespace $urn -NamespaceColumn Locaton, Badge -Path $workers } |
            Should -Throw -ErrorId 'UpdateProvisioningSchemaInvalidMapping*' -ExpectedMessage "*-NamespaceColumn*'Locaton'*Did you mean 'Location'?*"
        Get-ProvisioningSchema | Where-Object Name -like "${urn}*" | Should -BeNullOrEmpty
    }

    It 'says once that a namespace is one the service would reject, as ConvertTo-ScimUser does' {
        Connect-EntraProvisioning -LocalEndpoint $ep
        foreach ($namespace in 'urn:ietf:params:scim:schemas:extension:my co:1.0:User', "urn:ietf:params:scim:schemas:extension:'acme':1.0:User") {
            $failure = try { Update-ProvisioningSchema -ScimSchemaNamespace $namespace -Path $workers; $null } catch { $_ }
            $failure.FullyQualifiedErrorId | Should -BeLike 'UpdateProvisioningSchemaInvalidMapping*'
            ([regex]::Matches($failure.Exception.Message, [regex]::Escape($namespace))).Count | Should -Be 1
            $failure.Exception.Message | Should -Not -BeLike '*WorkerID*' -Because 'the namespace is the problem, not the columns'
            foreach ($mapped in @{ Mapping = @{ externalId = 'WorkerID'; userName = 'UserID' } }, @{}) {
                $converted = try { Import-HrCsv $workers | Select-Object -First 1 | ConvertTo-ScimUser @mapped -ScimSchemaNamespace $namespace; $null } catch { $_ }
                $converted.FullyQualifiedErrorId | Should -BeLike 'ConvertToScimUserInvalidMapping*'
                $converted.Exception.Message | Should -Be $failure.Exception.Message
            }
        }
        $inMapping = @{ externalId = 'WorkerID'; userName = 'UserID'; 'urn:ietf:params:scim:schemas:extension:my co:1.0:User' = @{ A = 'WorkerID'; B = 'UserID' } }
        { Update-ProvisioningSchema -Mapping $inMapping } |
            Should -Throw -ErrorId 'UpdateProvisioningSchemaInvalidAttributeName*' -ExpectedMessage '*(1 problem in 2 names)*my co*'
    }

    It 'advises on a type that differs in the terms of the form used' {
        Connect-EntraProvisioning -LocalEndpoint $ep
        $urn = 'urn:ietf:params:scim:schemas:extension:differ:1.0:User'
        $csv = New-TestCsv "WorkerID,UserID,HireDate`n1,u1@contoso.example,2020-01-01`n"
        $null = Update-ProvisioningSchema -Mapping @{ externalId = 'WorkerID'; userName = 'UserID'; $urn = @{ HireDate = { $_.HireDate + 'T00:00:00Z' } } } -Path $csv
        $result = Update-ProvisioningSchema -ScimSchemaNamespace $urn -Path $csv -WarningVariable warned
        ($result | Where-Object Action -eq TypeDiffers).Name | Should -Be "${urn}:HireDate"
        "$warned" | Should -BeLike '*-ScimSchemaNamespace sends every column as text*'
        "$warned" | Should -Not -BeLike '*Make the mapping*'
    }

    It 'names the permission a job read or change lacks' {
        $read = Invoke-Local $ep '_local/tokens' -Method Post -Body @{ roles = @('Application.Read.All', 'SynchronizationData-User.Upload') }
        Connect-EntraProvisioning -AccessToken (ConvertTo-SecureString $read.access_token -AsPlainText -Force) -Uri $ep.ProvisioningApiEndpoint
        { Get-ProvisioningJob } | Should -Throw -ErrorId 'GetProvisioningJobForbidden*' -ExpectedMessage '*Synchronization.Read.All*'
        { Get-ProvisioningSchema } | Should -Throw -ErrorId 'GetProvisioningSchemaForbidden*' -ExpectedMessage '*Synchronization.Read.All*'
        (Send-Workers 'R' 1 -Verbose 4>&1 | Where-Object { $_ -is [Management.Automation.VerboseRecord] -and $_.Message -like '*could not be read*' }) |
            Should -Not -BeNullOrEmpty -Because 'a send goes on without the job check when the job cannot be read'

        $reader = Invoke-Local $ep '_local/tokens' -Method Post -Body @{ roles = @('Synchronization.Read.All') }
        Connect-EntraProvisioning -AccessToken (ConvertTo-SecureString $reader.access_token -AsPlainText -Force) -Uri $ep.ProvisioningApiEndpoint
        (Get-ProvisioningJob).JobId | Should -Be $ep.JobId
        { Suspend-ProvisioningJob -Confirm:$false } | Should -Throw -ErrorId 'SuspendProvisioningJobForbidden*' -ExpectedMessage '*Synchronization.ReadWrite.All*'
        $csv = New-TestCsv "WorkerID,Badge`n1,B1`n"
        { Update-ProvisioningSchema -ScimSchemaNamespace 'urn:ietf:params:scim:schemas:extension:perm:1.0:User' -Path $csv } |
            Should -Throw -ErrorId 'UpdateProvisioningSchemaForbidden*' -ExpectedMessage '*Synchronization.ReadWrite.All*'
        { Suspend-ProvisioningJob -Confirm:$false } | Should -Throw -ExpectedMessage '*Application.ReadWrite.OwnedBy*'
    }

    It 'accepts Application.ReadWrite.OwnedBy for every job and schema call, and CustomSecAttributeProvisioning.Read.All for reading the schema, as Microsoft documents' {
        $owner = Invoke-Local $ep '_local/tokens' -Method Post -Body @{ roles = @('Application.ReadWrite.OwnedBy') }
        Connect-EntraProvisioning -AccessToken (ConvertTo-SecureString $owner.access_token -AsPlainText -Force) -Uri $ep.ProvisioningApiEndpoint
        (Get-ProvisioningJob).JobId | Should -Be $ep.JobId
        Get-ProvisioningSchema | Should -Not -BeNullOrEmpty
        (Suspend-ProvisioningJob -Confirm:$false -PassThru).Status | Should -Be 'Paused'
        Start-ProvisioningJob -Confirm:$false
        (Restart-ProvisioningJob -Confirm:$false -PassThru).Status | Should -BeIn 'NotRun', 'Active'
        $null = Update-ProvisioningSchema -Mapping $mapping -Path $workers
        (Get-CustomSchemaNames).Count | Should -Be 4

        $schemaReader = Invoke-Local $ep '_local/tokens' -Method Post -Body @{ roles = @('CustomSecAttributeProvisioning.Read.All') }
        Connect-EntraProvisioning -AccessToken (ConvertTo-SecureString $schemaReader.access_token -AsPlainText -Force) -Uri $ep.ProvisioningApiEndpoint -WarningVariable warned
        "$warned" | Should -BeLike '*could not be verified*holds none of the permissions that read a job*Synchronization.Read.All*'
        "$warned" | Should -Not -BeLike '*holds SynchronizationData-User.Upload only*' -Because 'the identity holds a schema permission, not the upload one'
        (Get-CustomSchemaNames).Count | Should -Be 4
        { Get-ProvisioningJob } | Should -Throw -ErrorId 'GetProvisioningJobForbidden*' -ExpectedMessage '*Application.ReadWrite.OwnedBy*Synchronization.Read.All*'
    }
}
