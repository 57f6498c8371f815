BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-EipModulePath) -Force
    $script:mappingFile = Join-Path $PSScriptRoot '../../samples/AttributeMapping.psd1'
}

Describe 'ConvertTo-ScimUser' {
    It 'converts the 1000-row sample: 624 users and 376 duplicate errors' {
        $users = Import-HrCsv (Get-SamplePath 'csv-with-1000-records.csv') |
            ConvertTo-ScimUser -Mapping @{ externalId = 'WorkerID'; userName = 'UserID' } -ErrorVariable errs -ErrorAction SilentlyContinue
        $users.Count | Should -Be 624
        $errs.Count | Should -Be 376
        $errs | ForEach-Object { $_.FullyQualifiedErrorId } | Select-Object -Unique | Should -BeLike 'ConvertToScimUserDuplicateExternalId*'
        $errs[0].Exception.Message | Should -Match 'csv-with-1000-records\.csv:\d+: externalId .* already used by .*csv-with-1000-records\.csv:\d+'
    }

    It 'reads a CSV2SCIM .psd1 mapping with scriptblocks, nested hashtables, arrays and extensions' {
        $user = Import-HrCsv (Get-SamplePath 'csv-with-2-records.csv') | ConvertTo-ScimUser -Mapping $mappingFile | Select-Object -Last 1
        $json = $user.Json | ConvertFrom-Json -AsHashtable
        $json.userName | Should -Be 'EMP1513@contoso.example'
        $json.active | Should -BeTrue
        $json.emails[0].type | Should -Be 'work'
        $json.name.givenName | Should -Be 'Ginnie'
        $json['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'].manager.value | Should -Be '1959'
        $user.Json | Should -Match '"HireDate":"2010-07-10T00:00:00Z"'
        $json.schemas | Should -Contain 'urn:ietf:params:scim:schemas:extension:csv:1.0:User'
        $user.Source | Should -BeLike '*csv-with-2-records.csv:3'
    }

    It 'gives the same user from a .psd1 file and from the same hashtable' {
        $fromFile = Import-HrCsv (Get-SamplePath 'csv-with-2-records.csv') | ConvertTo-ScimUser -Mapping $mappingFile
        $fromTable = Import-HrCsv (Get-SamplePath 'csv-with-2-records.csv') | ConvertTo-ScimUser -Mapping (Import-PowerShellDataFile $mappingFile)
        $fromTable.Json | Should -Be $fromFile.Json
    }

    It 'takes any object: Import-Csv rows, hashtables and PSCustomObjects' {
        $fromCsv = Import-Csv (Get-SamplePath 'csv-with-2-records.csv') | ConvertTo-ScimUser -Mapping $mappingFile
        $fromHr = Import-HrCsv (Get-SamplePath 'csv-with-2-records.csv') | ConvertTo-ScimUser -Mapping $mappingFile
        $fromCsv.Json | Should -Be $fromHr.Json
        $fromCsv[0].Source | Should -BeNullOrEmpty

        $users = @{ Id = '7'; Mail = 'a@b.c' }, [pscustomobject]@{ Id = '8'; Mail = 'd@e.f' } |
            ConvertTo-ScimUser -Mapping @{ externalId = 'id'; emails = @(@{ value = 'Mail'; type = { 'work' } }) }
        $users.ExternalId | Should -Be @('7', '8')
        ($users[1].Json | ConvertFrom-Json).emails[0].value | Should -Be 'd@e.f'
    }

    It 'maps properties named as SCIM attributes to themselves without -Mapping' {
        $user = [pscustomobject]@{ externalId = '5'; userName = 'u5'; department = 'Sales'; Other = 'x' } | ConvertTo-ScimUser
        $json = $user.Json | ConvertFrom-Json -AsHashtable
        $json.userName | Should -Be 'u5'
        $json['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'].department | Should -Be 'Sales'
        $json.ContainsKey('Other') | Should -BeFalse
    }

    It 'puts the unmapped columns under -ScimSchemaNamespace' {
        $user = Import-HrCsv (Get-SamplePath 'csv-with-2-records.csv') | Select-Object -First 1 |
            ConvertTo-ScimUser -Mapping @{ externalId = 'WorkerID' } -ScimSchemaNamespace 'urn:ietf:params:scim:schemas:extension:csv:1.0:User'
        $custom = ($user.Json | ConvertFrom-Json -AsHashtable)['urn:ietf:params:scim:schemas:extension:csv:1.0:User']
        $custom.Keys.Count | Should -Be 23
        $custom.ContainsKey('WorkerID') | Should -BeFalse
        $custom.FullName | Should -Be 'Talya Fleeta'
    }

    It 'stops before the first record on an unknown attribute, naming the key and the nearest name' {
        { @{ Id = 1 } | ConvertTo-ScimUser -Mapping @{ externalId = 'Id'; usrName = 'Id' } } |
            Should -Throw -ErrorId 'ConvertToScimUserInvalidMapping*' -ExpectedMessage "*usrName*Did you mean 'userName'*"
    }

    It 'stops on a multi-valued attribute not given as an array' {
        { @{ Id = 1 } | ConvertTo-ScimUser -Mapping @{ externalId = 'Id'; emails = @{ value = 'Mail' } } } |
            Should -Throw -ExpectedMessage '*emails*multi-valued*'
    }

    It 'stops when the first record lacks a mapped column, naming the nearest column' {
        { Import-HrCsv (Get-SamplePath 'csv-with-2-records.csv') | ConvertTo-ScimUser -Mapping @{ externalId = 'WorkerIdd' } } |
            Should -Throw -ErrorId 'ConvertToScimUserMissingColumn*' -ExpectedMessage "*WorkerIdd*Did you mean 'WorkerID'*"
    }

    It 'writes an error naming key, value and line for a value of the wrong type, and goes on' {
        $path = New-TestCsv "Id,Enabled`n1,maybe`n2,yes"
        $users = Import-HrCsv $path | ConvertTo-ScimUser -Mapping @{ externalId = 'Id'; active = 'Enabled' } -ErrorVariable errs -ErrorAction SilentlyContinue
        $users.ExternalId | Should -Be '2'
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ConvertToScimUserInvalidValue*'
        $errs[0].Exception.Message | Should -BeLike "*${path}:2*'active'*'maybe'*"
    }

    It 'writes an error for a scriptblock that throws, and goes on' {
        $path = New-TestCsv "Id`n1`n2"
        $users = Import-HrCsv $path | ConvertTo-ScimUser -Mapping @{ externalId = 'Id'; displayName = { if ($_.Id -eq '1') { throw 'no name' } else { 'ok' } } } -ErrorVariable errs -ErrorAction SilentlyContinue
        $users.DisplayName | Should -Be 'ok'
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ConvertToScimUserValueFailed*'
        $errs[0].Exception.Message | Should -BeLike '*displayName*no name*'
    }

    It 'runs scriptblocks of every form: constants, several statements, return, and multiple values' {
        $user = @{ Id = '1'; First = 'Ann'; Last = 'Lee' } | ConvertTo-ScimUser -Mapping @{
            externalId  = 'Id'
            userType    = { 'Employee' }
            displayName = { $f = $_.First; "$f $($_.Last)" }
            nickName    = { if ($_.First) { return $_.First.ToLower() } 'none' }
            title       = { param($x) process { 'Boss' } }
        }
        $user.DisplayName | Should -Be 'Ann Lee'
        $json = $user.Json | ConvertFrom-Json
        $json.userType | Should -Be 'Employee'
        $json.nickName | Should -Be 'ann'
        $json.title | Should -Be 'Boss'
    }

    It 'says which key failed when one of several scriptblocks throws' {
        $null = @{ Id = '1' } | ConvertTo-ScimUser -Mapping @{ externalId = 'Id'; displayName = { 'fine' }; title = { $_.Id + 'x' }; nickName = { throw 'bad nick' } } -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].Exception.Message | Should -BeLike "*'nickName'*bad nick*"
    }

    It 'writes an error for a missing externalId' {
        $users = Import-HrCsv (New-TestCsv "Id,Name`n,Ann`n2,Bob") | ConvertTo-ScimUser -Mapping @{ externalId = 'Id' } -ErrorVariable errs -ErrorAction SilentlyContinue
        $users.ExternalId | Should -Be '2'
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ConvertToScimUserMissingExternalId*'
    }

    It 'sends empty values as null with -IncludeEmpty' {
        $row = @{ Id = '1'; Title = '' }
        ($row | ConvertTo-ScimUser -Mapping @{ externalId = 'Id'; title = 'Title' }).Json | Should -Not -Match '"title"'
        ($row | ConvertTo-ScimUser -Mapping @{ externalId = 'Id'; title = 'Title' } -IncludeEmpty).Json | Should -Match '"title":null'
    }

    It 'writes [datetime] values as ISO 8601 with a time and an offset' {
        $user = @{ Id = '1'; Hire = [datetime]::new(2024, 3, 1, 9, 30, 0, [DateTimeKind]::Utc) } |
            ConvertTo-ScimUser -Mapping @{ externalId = 'Id'; 'urn:ietf:params:scim:schemas:extension:csv:1.0:User' = @{ HireDate = 'Hire' } }
        $user.Json | Should -Match '"HireDate":"2024-03-01T09:30:00Z"'
    }
}

Describe 'Test-ScimMapping' {
    It 'says a good mapping is valid and lists its schemas and columns' {
        $result = Test-ScimMapping $mappingFile
        $result.IsValid | Should -BeTrue
        $result.Columns | Should -Contain 'ManagerID'
    }

    It 'names the key at fault' {
        $result = Test-ScimMapping @{ externalId = 'Id'; name = 'FullName' }
        $result.IsValid | Should -BeFalse
        $result.Key | Should -Be 'name'
        $result.Problem | Should -Match 'complex attribute'
    }

    It 'checks the columns against a record from the pipeline' {
        $result = Import-HrCsv (Get-SamplePath 'csv-with-2-records.csv') | Test-ScimMapping @{ externalId = 'EmployeeId' }
        $result.IsValid | Should -BeFalse
        $result.Problem | Should -Match 'EmployeeId'
    }
}

Describe 'ScimUser output' {
    It 'shows and exports readable properties only, with no blank column for the JSON bytes' {
        $user = @{ Id = '7'; Upn = 'ann@contoso.example' } | ConvertTo-ScimUser -Mapping @{ externalId = 'Id'; userName = 'Upn' }
        $list = $user | Format-List | Out-String
        $list | Should -Not -Match 'Utf8Json'
        $list | Should -Match 'ExternalId\s*:\s*7'
        $list | Should -Match 'Json\s*:\s*\{'
        $csv = $user | ConvertTo-Csv | ConvertFrom-Csv
        $csv.PSObject.Properties.Name | Should -Not -Contain 'Utf8Json'
        $csv.PSObject.Properties.Name | Should -Contain 'UserName'
        $csv.PSObject.Properties.Value | Should -Not -Match 'System\.ReadOnlySpan'
        ($csv.Json | ConvertFrom-Json).userName | Should -Be 'ann@contoso.example'
    }
}

Describe 'New-ScimBulkRequest' {
    It 'packs the 624 sample users into 13 requests' {
        $requests = Import-HrCsv (Get-SamplePath 'csv-with-1000-records.csv') |
            ConvertTo-ScimUser -Mapping $mappingFile -ErrorAction SilentlyContinue | New-ScimBulkRequest
        $requests.Count | Should -Be 13
        ($requests | Measure-Object Count -Sum).Sum | Should -Be 624
        $requests[0].Index | Should -Be 1
        $first = $requests[0].Json | ConvertFrom-Json
        $first.Operations.Count | Should -Be 50
        $first.Operations[0].method | Should -Be 'POST'
        $first.Operations[0].path | Should -Be '/Users'
        @($first.Operations.bulkId | Select-Object -Unique).Count | Should -Be 50
    }

    It 'gives byte-identical JSON run after run' {
        $a = Import-HrCsv (Get-SamplePath 'employeeData.csv') | ConvertTo-ScimUser -Mapping $mappingFile -ErrorAction SilentlyContinue | New-ScimBulkRequest -BatchSize 20
        $b = Import-HrCsv (Get-SamplePath 'employeeData.csv') | ConvertTo-ScimUser -Mapping $mappingFile -ErrorAction SilentlyContinue | New-ScimBulkRequest -BatchSize 20
        $a.Json | Should -Be $b.Json
    }

    It 'refuses a batch size above the service limit, citing it' {
        { @{ Id = 1 } | ConvertTo-ScimUser -Mapping @{ externalId = 'Id' } | New-ScimBulkRequest -BatchSize 51 } | Should -Throw -ExpectedMessage '*1 to 50*bulkUpload*'
    }

    It 'writes numbered files and does not overwrite them without -Force' {
        $folder = Join-Path $TestDrive 'out'
        $users = 1..5 | ForEach-Object { @{ Id = "$_" } } | ConvertTo-ScimUser -Mapping @{ externalId = 'Id' }
        $requests = $users | New-ScimBulkRequest -BatchSize 2 -OutFolder $folder
        (Get-ChildItem $folder).Name | Should -Be @('bulk-00001.json', 'bulk-00002.json', 'bulk-00003.json')
        Get-Content $requests[2].Path -Raw | Should -Be $requests[2].Json
        { $users | New-ScimBulkRequest -OutFolder $folder } | Should -Throw -ErrorId 'NewScimBulkRequestFileExists*'
        $users | New-ScimBulkRequest -OutFolder $folder -Force | Should -HaveCount 1
    }

    It 'with -Force leaves only this run''s requests in the folder, so that sending the folder sends nothing stale' {
        $folder = Join-Path $TestDrive 'daily'
        $null = 1..5 | ForEach-Object { @{ Id = "$_" } } | ConvertTo-ScimUser -Mapping @{ externalId = 'Id' } | New-ScimBulkRequest -BatchSize 2 -OutFolder $folder
        (Get-ChildItem $folder).Name | Should -Be @('bulk-00001.json', 'bulk-00002.json', 'bulk-00003.json')

        $dayTwo = 1..3 | ForEach-Object { @{ Id = "$_" } } | ConvertTo-ScimUser -Mapping @{ externalId = 'Id' }
        { $dayTwo | New-ScimBulkRequest -BatchSize 2 -OutFolder $folder } | Should -Throw -ExpectedMessage '*-Force*another folder*'
        $verbose = $dayTwo | New-ScimBulkRequest -BatchSize 2 -OutFolder $folder -Force -Verbose 4>&1 | Where-Object { $_ -is [Management.Automation.VerboseRecord] }
        $verbose.Message | Should -Contain "New-ScimBulkRequest: removed 3 bulk request files of an earlier run from '$folder'."
        (Get-ChildItem $folder).Name | Should -Be @('bulk-00001.json', 'bulk-00002.json')

        $whatIf = & dotnet pwsh -NoProfile -NonInteractive -Command @"
Import-Module '$(Get-EipModulePath)'
Connect-EntraProvisioning -AccessToken (ConvertTo-SecureString 'offline' -AsPlainText -Force) -Uri 'https://127.0.0.1:1/v1.0/servicePrincipals/00000000-0000-0000-0000-000000000001/synchronization/jobs/Inbound.x.y/bulkUpload'
Get-ChildItem '$folder' | Send-ScimBulkRequest -WhatIf
"@
        $LASTEXITCODE | Should -Be 0 -Because ($whatIf -join "`n")
        @($whatIf | Where-Object { $_ -like 'What if:*Send bulk request*' }).Count | Should -Be 2
    }

    It 'with -Force leaves files that are not its own alone' {
        $folder = Join-Path $TestDrive 'mixed'
        $null = New-Item -ItemType Directory $folder
        'keep' | Set-Content (Join-Path $folder 'bulk-notes.json'), (Join-Path $folder 'readme.txt')
        $null = @{ Id = '1' } | ConvertTo-ScimUser -Mapping @{ externalId = 'Id' } | New-ScimBulkRequest -OutFolder $folder -Force
        (Get-ChildItem $folder).Name | Sort-Object | Should -Be @('bulk-00001.json', 'bulk-notes.json', 'readme.txt')
    }

    It 'writes no files with -WhatIf' {
        $folder = Join-Path $TestDrive 'whatif'
        $null = @{ Id = '1' } | ConvertTo-ScimUser -Mapping @{ externalId = 'Id' } | New-ScimBulkRequest -OutFolder $folder -WhatIf
        Test-Path $folder | Should -BeFalse
    }
}
