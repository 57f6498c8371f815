BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-EipModulePath) -Force
    $script:mappingFile = Join-Path $PSScriptRoot '../../samples/AttributeMapping.psd1'

    # The first rows of the own sample, for CSV2SCIM.ps1 (slow) and the module to read alike.
    function New-SampleSubset([int] $Rows) {
        $csv = Join-Path $TestDrive "first$Rows.csv"
        Import-Csv (Get-OwnSamplePath 'workers.csv') | Select-Object -First $Rows | Export-Csv $csv -NoTypeInformation
        $csv
    }

    # The users Microsoft's CSV2SCIM.ps1 generates (its payload mode runs offline), as hashtables.
    function Get-Csv2ScimUser([string] $Csv, [hashtable] $Mapping, [string] $Namespace) {
        $namespaceArgs = if ($Namespace) { @{ ScimSchemaNamespace = $Namespace } } else { @{} }
        & (Join-Path (Get-Csv2ScimFolder) 'CSV2SCIM.ps1') -Path $Csv -AttributeMapping $Mapping @namespaceArgs |
            ForEach-Object { ($_ | ConvertFrom-Json -AsHashtable).Operations.data }
    }
}

Describe 'ConvertTo-ScimUser' {
    It 'converts the own sample: 960 users and 40 duplicate errors naming both lines' {
        $users = Import-HrCsv (Get-OwnSamplePath 'workers.csv') |
            ConvertTo-ScimUser -Mapping $mappingFile -ErrorVariable errs -ErrorAction SilentlyContinue
        $users.Count | Should -Be 960
        $errs.Count | Should -Be 40
        $errs | ForEach-Object { $_.FullyQualifiedErrorId } | Select-Object -Unique | Should -BeLike 'ConvertToScimUserDuplicateExternalId*'
        $errs[0].Exception.Message | Should -Match 'workers\.csv:\d+: externalId .* already used by .*workers\.csv:\d+'
        @($users.ExternalId | Select-Object -Unique).Count | Should -Be 960
    }

    It 'converts Microsoft''s 1000-row sample: 624 users and 376 duplicate errors' {
        if (Skip-WithoutSharedAnchors) { return }
        $users = Import-HrCsv (Get-SamplePath 'csv-with-1000-records.csv') |
            ConvertTo-ScimUser -Mapping @{ externalId = 'WorkerID'; userName = 'UserID' } -ErrorVariable errs -ErrorAction SilentlyContinue
        $users.Count | Should -Be 624
        $errs.Count | Should -Be 376
        $errs | ForEach-Object { $_.FullyQualifiedErrorId } | Select-Object -Unique | Should -BeLike 'ConvertToScimUserDuplicateExternalId*'
        $errs[0].Exception.Message | Should -Match 'csv-with-1000-records\.csv:\d+: externalId .* already used by .*csv-with-1000-records\.csv:\d+'
    }

    It 'reads a CSV2SCIM .psd1 mapping with scriptblocks, nested hashtables, arrays and extensions' {
        $user = Import-HrCsv (Get-OwnSamplePath 'workers.csv') | Select-Object -First 2 | ConvertTo-ScimUser -Mapping $mappingFile | Select-Object -First 1
        $json = $user.Json | ConvertFrom-Json -AsHashtable
        $json.userName | Should -Be 'ava.taylor@contoso.example'
        $json.active | Should -BeTrue
        $json.emails[0].type | Should -Be 'work'
        $json.name.givenName | Should -Be 'Ava'
        $json['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'].manager.value | Should -Be '100378'
        $user.Json | Should -Match '"HireDate":"2013-06-06T00:00:00Z"'
        $json.schemas | Should -Contain 'urn:ietf:params:scim:schemas:extension:csv:1.0:User'
        $user.Source | Should -BeLike '*workers.csv:2'
    }

    It 'gives the same user from a .psd1 file and from the same hashtable' {
        $fromFile = Import-HrCsv (Get-OwnSamplePath 'workers.csv') | Select-Object -First 20 | ConvertTo-ScimUser -Mapping $mappingFile
        $fromTable = Import-HrCsv (Get-OwnSamplePath 'workers.csv') | Select-Object -First 20 | ConvertTo-ScimUser -Mapping (Import-PowerShellDataFile $mappingFile)
        $fromTable.Json | Should -Be $fromFile.Json
    }

    It 'takes any object: Import-Csv rows, hashtables and PSCustomObjects' {
        $fromCsv = Import-Csv (Get-OwnSamplePath 'workers.csv') | Select-Object -First 20 | ConvertTo-ScimUser -Mapping $mappingFile
        $fromHr = Import-HrCsv (Get-OwnSamplePath 'workers.csv') | Select-Object -First 20 | ConvertTo-ScimUser -Mapping $mappingFile
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

    It 'puts every column under -ScimSchemaNamespace, the mapped ones too, as CSV2SCIM does' {
        $user = Import-HrCsv (Get-OwnSamplePath 'workers.csv') | Select-Object -First 1 |
            ConvertTo-ScimUser -Mapping @{ externalId = 'WorkerID'; active = { $true } } -ScimSchemaNamespace 'urn:ietf:params:scim:schemas:extension:csv:1.0:User'
        $custom = ($user.Json | ConvertFrom-Json -AsHashtable)['urn:ietf:params:scim:schemas:extension:csv:1.0:User']
        $custom.Keys.Count | Should -Be 25
        $custom.WorkerID | Should -Be '105747'
        $custom.FullName | Should -Be 'Ava Taylor'
    }

    It 'fails only the record whose column under -ScimSchemaNamespace cannot be sent, naming it' {
        $records = [pscustomobject]@{ WorkerID = '1'; Tags = @('a', 'b') }, [pscustomobject]@{ WorkerID = '2'; Tags = 'c' }
        $users = $records | ConvertTo-ScimUser -Mapping @{ externalId = 'WorkerID'; active = { $true } } `
            -ScimSchemaNamespace 'urn:ietf:params:scim:schemas:extension:csv:1.0:User' -ErrorVariable errs -ErrorAction SilentlyContinue
        $users.ExternalId | Should -Be '2'
        $errs.Count | Should -Be 1
        $errs[0].Exception.Message | Should -BeLike '*urn:ietf:params:scim:schemas:extension:csv:1.0:User.Tags*'
    }

    It 'refuses a standard schema as -ScimSchemaNamespace' {
        foreach ($urn in 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User', 'urn:ietf:params:scim:schemas:core:2.0:User') {
            { @{ WorkerID = '1' } | ConvertTo-ScimUser -Mapping @{ externalId = 'WorkerID'; active = { $true } } -ScimSchemaNamespace $urn } |
                Should -Throw -ExpectedMessage '*is a standard SCIM schema*'
        }
    }

    It 'writes one extension object when the mapping names the -ScimSchemaNamespace too, its values winning' {
        $urn = 'urn:ietf:params:scim:schemas:extension:csv:1.0:User'
        $user = Import-HrCsv (Get-OwnSamplePath 'workers.csv') | Select-Object -First 1 |
            ConvertTo-ScimUser -Mapping $mappingFile -ScimSchemaNamespace $urn
        ([regex]::Matches($user.Json, [regex]::Escape("`"$urn`":"))).Count | Should -Be 1
        $user.Json | Should -Match '"HireDate":"2013-06-06T00:00:00Z"'
        $json = $user.Json | ConvertFrom-Json -AsHashtable
        $json[$urn].OnLeave | Should -BeFalse
        $json[$urn].City | Should -Be 'Montréal'
        @($json.schemas | Where-Object { $_ -eq $urn }).Count | Should -Be 1
    }

    It 'sends what CSV2SCIM sends under -ScimSchemaNamespace with Microsoft''s documented example' {
        if (Skip-WithoutSharedAnchors) { return }
        $urn = 'urn:ietf:params:scim:schemas:extension:csv:1.0:User'
        $csv = New-SampleSubset 60
        $map = @{ externalId = 'WorkerID'; userName = 'UserID'; active = { $_.'WorkerStatus' -eq 'Active' } }
        $theirs = Get-Csv2ScimUser $csv $map $urn
        $ours = Import-HrCsv $csv | ConvertTo-ScimUser -Mapping $map -ScimSchemaNamespace $urn -ErrorAction SilentlyContinue |
            ForEach-Object { $_.Json | ConvertFrom-Json -AsHashtable }
        $ours.Count | Should -BeGreaterThan 50
        foreach ($user in $ours) {
            $their = $theirs | Where-Object { $_.externalId -eq $user.externalId } | Select-Object -First 1
            $expected = $their[$urn].GetEnumerator() | Where-Object Value -NE '' | ForEach-Object { "$($_.Key)=$($_.Value)" } | Sort-Object
            $user[$urn].GetEnumerator() | ForEach-Object { "$($_.Key)=$($_.Value)" } | Sort-Object | Should -Be $expected
            $user[$urn].WorkerID | Should -Be $user.externalId
            $user.active | Should -Be $their.active
        }
    }

    It 'takes a scriptblock that returns a hashtable for a complex value, giving what CSV2SCIM gives' {
        $map = @{
            externalId   = 'WorkerID'; userName = 'UserID'; active = { $_.WorkerStatus -eq 'Active' }
            phoneNumbers = @( { if ($_.OfficePhone) { @{ type = 'mobile'; value = $_.OfficePhone } } }, @{ type = { 'work' }; value = 'Custom01' } )
        }
        (Test-ScimMapping $map).IsValid | Should -BeTrue
        $csv = New-SampleSubset 40
        $ours = Import-HrCsv $csv | ConvertTo-ScimUser -Mapping $map -ErrorAction SilentlyContinue | ForEach-Object { $_.Json | ConvertFrom-Json -AsHashtable }
        $ours.Count | Should -BeGreaterThan 30
        @($ours | Where-Object { $_.phoneNumbers.Count -eq 1 }).Count | Should -BeGreaterThan 0
        @($ours | Where-Object { $_.phoneNumbers[0].type -eq 'mobile' }).Count | Should -BeGreaterThan 0
        if (Skip-WithoutSharedAnchors) { return }
        $theirs = Get-Csv2ScimUser $csv $map
        foreach ($user in $ours) {
            $their = $theirs | Where-Object { $_.externalId -eq $user.externalId } | Select-Object -First 1
            $expected = @($their.phoneNumbers | ForEach-Object { ($_.GetEnumerator() | Sort-Object Key | ForEach-Object { "$($_.Key)=$($_.Value)" }) -join ';' })
            @($user.phoneNumbers | ForEach-Object { ($_.GetEnumerator() | Sort-Object Key | ForEach-Object { "$($_.Key)=$($_.Value)" }) -join ';' }) | Should -Be $expected
        }
    }

    It 'names the key when a hashtable a scriptblock returns has a key the schema lacks' {
        $null = @{ Id = '1' } | ConvertTo-ScimUser -Mapping @{ externalId = 'Id'; active = { $true }; phoneNumbers = @({ @{ typ = 'mobile'; value = '1' } }) } -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].Exception.Message | Should -BeLike "*'phoneNumbers``[0``].typ'*Did you mean 'type'*"
    }

    It 'stops before the first record on an unknown attribute, naming the key and the nearest name' {
        { @{ Id = 1 } | ConvertTo-ScimUser -Mapping @{ externalId = 'Id'; usrName = 'Id' } } |
            Should -Throw -ErrorId 'ConvertToScimUserInvalidMapping*' -ExpectedMessage "*usrName*Did you mean 'userName'*"
    }

    It 'stops on a multi-valued attribute not given as an array' {
        { @{ Id = 1 } | ConvertTo-ScimUser -Mapping @{ externalId = 'Id'; emails = @{ value = 'Mail' } } } |
            Should -Throw -ExpectedMessage '*emails*multi-valued*'
    }

    It 'stops when a scriptblock reads a column the input lacks, instead of making every user inactive' {
        $map = Import-PowerShellDataFile $mappingFile
        $map.active = { $_.WorkerStatu -eq 'Active' }
        { Import-HrCsv (Get-OwnSamplePath 'workers.csv') | ConvertTo-ScimUser -Mapping $map } |
            Should -Throw -ErrorId 'ConvertToScimUserMissingColumn*' -ExpectedMessage "*'active'*WorkerStatu*Did you mean 'WorkerStatus'*"
        { [pscustomobject]@{ WorkerID = '1'; WorkerStatus = 'Active' } | ConvertTo-ScimUser -Mapping @{ externalId = 'WorkerID'; active = { $PSItem.'WorkerStatu' -eq 'Active' } } } |
            Should -Throw -ErrorId 'ConvertToScimUserMissingColumn*'
    }

    It 'says a mistake that fails every record once, with the count, and sends none of them' {
        $users = Import-HrCsv (Get-OwnSamplePath 'workers.csv') |
            ConvertTo-ScimUser -Mapping @{ externalId = 'WorkerID'; active = 'WorkerStatus' } -ErrorVariable errs -ErrorAction SilentlyContinue
        $users | Should -BeNullOrEmpty
        $errs.Count | Should -BeLessOrEqual 6
        $errs[-1].Exception.Message | Should -BeLike "1000 records failed at mapping key 'active'*workers.csv:2,*not a boolean*"

        $users = Import-HrCsv (Get-OwnSamplePath 'workers.csv') | ConvertTo-ScimUser -ErrorVariable errs -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $users | Should -BeNullOrEmpty
        $errs.Count | Should -BeLessOrEqual 6
        $errs[-1].Exception.Message | Should -BeLike "1000 records failed at mapping key 'externalId'*Map externalId to the worker's ID column*"
    }

    It 'warns once when active is not mapped, and once with the count when externalId is blank' {
        $path = New-TestCsv "Id,Name`n,Ann`n2,Bob`n,Cy"
        $null = Import-HrCsv $path | ConvertTo-ScimUser -Mapping @{ externalId = 'Id' } -WarningVariable warnings -WarningAction SilentlyContinue -ErrorAction SilentlyContinue
        $warnings.Count | Should -Be 2
        $warnings[0].Message | Should -BeLike "*does not map 'active'*disabled*"
        $warnings[1].Message | Should -BeLike "*'Id'*blank in 2 of 3 records*"
    }

    It 'stops when the first record lacks a mapped column, naming the nearest column' {
        { Import-HrCsv (Get-OwnSamplePath 'workers.csv') | ConvertTo-ScimUser -Mapping @{ externalId = 'WorkerIdd' } } |
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

    It 'gives every record''s scriptblocks a fresh scope: nothing leaks between records or into the caller' {
        function Convert-InFunction {
            $name = 'caller'
            $r = 'local'
            $path = New-TestCsv "Id,Status,Title`n1,Active,Boss`n2,Inactive,Clerk"
            $users = Import-HrCsv $path | ConvertTo-ScimUser -Mapping @{
                externalId  = 'Id'
                active      = { $_.Status -eq 'Active' }
                title       = { if ($_.Status -eq 'Active') { $t = $_.Title }; $t }
                displayName = { $name = "n$($_.Id)"; "$name of $r" }
                nickName    = { param($r) "$($_.Id)$r" }
                userType    = { param($x) process { $u = "$u$($_.Id)"; $u } }
            }
            [pscustomobject]@{ Users = $users; Name = $name; R = $r }
        }
        $result = Convert-InFunction
        $result.Name | Should -Be 'caller'
        $result.R | Should -Be 'local'
        $json = $result.Users | ForEach-Object { $_.Json | ConvertFrom-Json }
        $json.externalId | Should -Be '1', '2'
        $json[0].title | Should -Be 'Boss'
        $json[1].PSObject.Properties['title'] | Should -BeNullOrEmpty
        $json.displayName | Should -Be 'n1 of local', 'n2 of local'
        $json.nickName | Should -Be '1', '2'
        $json.userType | Should -Be '1', '2'
    }

    It 'takes a scriptblock that reads an optional column defensively, with one warning, and still stops on a misspelt one' {
        $path = New-TestCsv "WorkerID,UserID,Status`n1,a,Active`n2,b,Inactive"
        foreach ($active in { ($_.WorkerStatus ?? $_.Status) -eq 'Active' },
            { if ($_.PSObject.Properties['WorkerStatus']) { $_.WorkerStatus -eq 'Active' } else { $_.Status -eq 'Active' } },
            { if ($_.WorkerStatus) { $_.WorkerStatus -eq 'Active' } else { $_.Status -eq 'Active' } }) {
            $users = Import-HrCsv $path | ConvertTo-ScimUser -Mapping @{ externalId = 'WorkerID'; userName = 'UserID'; active = $active } -WarningVariable warnings -WarningAction SilentlyContinue
            ($users.Json | ConvertFrom-Json).active | Should -Be $true, $false
            $warnings.Count | Should -Be 1
            $warnings[0].Message | Should -BeLike "*'active'*'WorkerStatus'*fallback*Did you mean 'Status'?"
        }
        { Import-HrCsv $path | ConvertTo-ScimUser -Mapping @{ externalId = 'WorkerID'; userName = 'UserID'; active = { $_.WorkerStatus -eq 'Active' } } } |
            Should -Throw -ErrorId 'ConvertToScimUserMissingColumn*' -ExpectedMessage "*'WorkerStatus'*Did you mean 'Status'?*"
        $result = Import-HrCsv $path | Test-ScimMapping @{ externalId = 'WorkerID'; active = { ($_.WorkerStatus ?? $_.Status) -eq 'Active' } } -WarningVariable warnings -WarningAction SilentlyContinue
        $result.IsValid | Should -BeTrue
        $warnings.Message | Should -BeLike "*'WorkerStatus'*fallback*"
    }

    It 'checks the columns again when objects change their properties, and fails the records that lack one' {
        $first = New-TestCsv "WorkerID,UserID,WorkerStatus`n1,a,Active`n2,b,Active"
        $second = New-TestCsv "WorkerID,UserID,Status`n3,c,Active`n4,d,Active"
        $users = Import-Csv $first, $second | ConvertTo-ScimUser -Mapping @{ externalId = 'WorkerID'; userName = 'UserID'; active = { $_.WorkerStatus -eq 'Active' } } -ErrorVariable errs -ErrorAction SilentlyContinue
        $users.ExternalId | Should -Be '1', '2'
        $errs.Count | Should -Be 2
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ConvertToScimUserMissingColumn*'
        $errs[0].Exception.Message | Should -BeLike "*'active'*'WorkerStatus'*Did you mean 'Status'?*"

        $users = @{ Id = '1'; Name = 'a' }, @{ Id = '2' }, @{ Id = '3'; Name = 'c' } |
            ConvertTo-ScimUser -Mapping @{ externalId = 'Id'; displayName = 'Name'; active = { $true } } -ErrorVariable errs -ErrorAction SilentlyContinue
        $users.ExternalId | Should -Be '1', '3'
        $errs.Count | Should -Be 1
        $errs[0].Exception.Message | Should -BeLike "*'displayName'*'Name'*"

        $objects = @([pscustomobject]@{ Id = '0'; Name = 'n' }) + (1..8 | ForEach-Object { [pscustomobject]@{ Id = "$_" } })
        $users = $objects | ConvertTo-ScimUser -Mapping @{ externalId = 'Id'; displayName = 'Name'; active = { $true } } -ErrorVariable errs -ErrorAction SilentlyContinue
        $users.ExternalId | Should -Be '0'
        $errs.Count | Should -Be 6
        $errs[-1].Exception.Message | Should -BeLike "8 records failed at mapping key 'displayName'*"

        $users = Import-Csv $first, $second | ConvertTo-ScimUser -Mapping @{ externalId = 'WorkerID'; userName = 'UserID'; active = { ($_.WorkerStatus ?? $_.Status) -eq 'Active' } } -ErrorVariable errs -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $users.ExternalId | Should -Be '1', '2', '3', '4'
        $errs | Should -BeNullOrEmpty
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

    It 'writes [datetime] values without a zone as UTC, or as -TimeZone says, whatever the machine''s time zone' {
        $module = Get-EipModulePath
        $script = @"
Import-Module '$module'
[TimeZoneInfo]::Local.BaseUtcOffset.TotalHours
`$map = @{ externalId = 'Id'; active = { `$true }; 'urn:ietf:params:scim:schemas:extension:csv:1.0:User' = @{ Hire = 'Hire'; Start = { Get-Date `$_.Start } } }
`$row = @{ Id = '1'; Hire = [datetime]'2013-01-01'; Start = '2014-02-03' }
(`$row | ConvertTo-ScimUser -Mapping `$map).Json
(`$row | ConvertTo-ScimUser -Mapping `$map -TimeZone 'Europe/Paris').Json
"@
        $saved = $env:TZ
        try {
            $env:TZ = 'Asia/Tokyo'
            Push-Location (Get-RepoRoot)
            $output = & dotnet pwsh -NoProfile -NonInteractive -Command $script
        }
        finally {
            Pop-Location
            $env:TZ = $saved
        }
        $output[0] | Should -Be '9'
        $output[1] | Should -Match '"Hire":"2013-01-01T00:00:00Z"'
        $output[1] | Should -Match '"Start":"2014-02-03T00:00:00Z"'
        $output[2] | Should -Match '"Hire":"2013-01-01T00:00:00\+01:00"'
    }

    It 'stops on an unknown -TimeZone, naming it' {
        { @{ Id = '1' } | ConvertTo-ScimUser -Mapping @{ externalId = 'Id' } -TimeZone 'Mars/Olympus' } |
            Should -Throw -ErrorId 'ConvertToScimUserUnknownTimeZone*' -ExpectedMessage '*Mars/Olympus*'
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

    It 'checks the columns a scriptblock reads, with a suggestion, and lists them among the columns' {
        $map = Import-PowerShellDataFile $mappingFile
        (Test-ScimMapping $map).Columns | Should -Contain 'WorkerStatus'
        $map.active = { $_.WorkerStatu -eq 'Active' }
        $result = Import-HrCsv (Get-OwnSamplePath 'workers.csv') | Test-ScimMapping $map
        $result.IsValid | Should -BeFalse
        $result.Key | Should -Be 'active'
        $result.Problem | Should -BeLike "*WorkerStatu*Did you mean 'WorkerStatus'*"
    }

    It 'counts only what a scriptblock reads from its record as columns' {
        $result = Import-HrCsv (Get-OwnSamplePath 'workers.csv') | Test-ScimMapping @{
            externalId  = 'WorkerID'
            active      = { $_.PSObject.Properties.Count -gt 0 -and $_.ToString() -and $_.WorkerStatus.Length -and $_['City'] }
            displayName = { $x = @{ Name = 'n' }; $x.Name + ($_.Department -split ',' | Where-Object { $_.Trim() } | ForEach-Object { $_.Length }) }
            title       = { try { $_.JobTitle } catch { $_.Exception.Message } }
            nickName    = { switch ($_.UserID) { 'x' { $_.Whatever } default { $_ } } }
        }
        $result.IsValid | Should -BeTrue
        $result.Columns | Sort-Object | Should -Be @('City', 'Department', 'JobTitle', 'UserID', 'WorkerID', 'WorkerStatus')
    }

    It 'warns about a namespace one edit from the enterprise one, naming it, and about a mapping without active' {
        $null = Test-ScimMapping @{ externalId = 'WorkerID'; 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:Usr' = @{ department = 'Department' } } -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings.Count | Should -Be 2
        $warnings.Message | Should -Contain ($warnings.Message | Where-Object { $_ -like "*does not map 'active'*" })
        $warnings.Message -like "*2.0:Usr'*write 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'*" | Should -HaveCount 1
    }

    It 'warns once with the count when the externalId column is blank in some records' {
        $path = New-TestCsv "Id,Name`n,Ann`n2,Bob`n,Cy"
        $null = Import-HrCsv $path | Test-ScimMapping @{ externalId = 'Id'; active = { $true } } -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings.Count | Should -Be 1
        $warnings[0].Message | Should -BeLike "*'Id'*blank in 2 of 3 records*"
    }

    It 'checks the columns against a record from the pipeline' {
        $result = Import-HrCsv (Get-OwnSamplePath 'workers.csv') | Test-ScimMapping @{ externalId = 'EmployeeId' }
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
    It 'packs the 960 sample users into 20 requests' {
        $requests = Import-HrCsv (Get-OwnSamplePath 'workers.csv') |
            ConvertTo-ScimUser -Mapping $mappingFile -ErrorAction SilentlyContinue | New-ScimBulkRequest
        $requests.Count | Should -Be 20
        ($requests | Measure-Object Count -Sum).Sum | Should -Be 960
        $requests[-1].Count | Should -Be 10
        $requests[0].Index | Should -Be 1
        $first = $requests[0].Json | ConvertFrom-Json
        $first.Operations.Count | Should -Be 50
        $first.Operations[0].method | Should -Be 'POST'
        $first.Operations[0].path | Should -Be '/Users'
        @($first.Operations.bulkId | Select-Object -Unique).Count | Should -Be 50
    }

    It 'gives byte-identical JSON run after run' {
        $a = Import-HrCsv (Get-OwnSamplePath 'workers.csv') | ConvertTo-ScimUser -Mapping $mappingFile -ErrorAction SilentlyContinue | New-ScimBulkRequest -BatchSize 20
        $b = Import-HrCsv (Get-OwnSamplePath 'workers.csv') | ConvertTo-ScimUser -Mapping $mappingFile -ErrorAction SilentlyContinue | New-ScimBulkRequest -BatchSize 20
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

        Rename-Item (Join-Path $folder 'bulk-00003.json') 'bulk-day1.json'
        $dayTwo = 1..3 | ForEach-Object { @{ Id = "$_" } } | ConvertTo-ScimUser -Mapping @{ externalId = 'Id' }
        { $dayTwo | New-ScimBulkRequest -BatchSize 2 -OutFolder $folder } | Should -Throw -ExpectedMessage '*-Force*another folder*'
        $verbose = $dayTwo | New-ScimBulkRequest -BatchSize 2 -OutFolder $folder -Force -Verbose 4>&1 | Where-Object { $_ -is [Management.Automation.VerboseRecord] }
        $verbose.Message | Should -Contain "New-ScimBulkRequest: removed 3 bulk request files of an earlier run from '$folder'."
        (Get-ChildItem $folder).Name | Should -Be @('bulk-00001.json', 'bulk-00002.json')

        $whatIf = & dotnet pwsh -NoProfile -NonInteractive -Command @"
`$ErrorActionPreference = 'Stop'
Import-Module '$(Get-EipModulePath)'
`$ep = Start-ProvisioningEndpoint
try {
    Connect-EntraProvisioning -LocalEndpoint `$ep
    Get-ChildItem '$folder' | Send-ScimBulkRequest -WhatIf
    "calls received: `$((Invoke-RestMethod "`$(`$ep.Uri)_local/info").quotaUsed)"
} finally { Stop-ProvisioningEndpoint `$ep }
"@
        $LASTEXITCODE | Should -Be 0 -Because ($whatIf -join "`n")
        @($whatIf | Where-Object { $_ -like 'What if:*Send bulk request*' }).Count | Should -Be 2
        $whatIf | Should -Contain 'calls received: 0'
    }

    It 'with -Force removes every bulk-*.json (a renamed one would be sent too) and leaves other files alone' {
        $folder = Join-Path $TestDrive 'mixed'
        $null = New-Item -ItemType Directory $folder
        'keep' | Set-Content (Join-Path $folder 'bulk-notes.json'), (Join-Path $folder 'readme.txt')
        $null = @{ Id = '1' } | ConvertTo-ScimUser -Mapping @{ externalId = 'Id' } | New-ScimBulkRequest -OutFolder $folder -Force
        (Get-ChildItem $folder).Name | Sort-Object | Should -Be @('bulk-00001.json', 'readme.txt')
    }

    It 'writes no files with -WhatIf' {
        $folder = Join-Path $TestDrive 'whatif'
        $null = @{ Id = '1' } | ConvertTo-ScimUser -Mapping @{ externalId = 'Id' } | New-ScimBulkRequest -OutFolder $folder -WhatIf
        Test-Path $folder | Should -BeFalse
    }
}
