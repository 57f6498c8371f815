BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-EipModulePath) -Force
}

Describe 'Import-HrCsv' {
    Context 'the sample exports' {
        It 'reads the own sample export: 1000 rows, accents and multi-line fields intact' {
            $rows = Import-HrCsv (Get-OwnSamplePath 'workers.csv') -ErrorVariable errs
            $errs | Should -BeNullOrEmpty
            $rows.Count | Should -Be 1000
            $oracle = Import-Csv (Get-OwnSamplePath 'workers.csv')
            $rows[-1].WorkerID | Should -Be $oracle[-1].WorkerID
            ($rows | Where-Object StreetAddress -Match "`n").Count | Should -Be ($oracle | Where-Object StreetAddress -Match "`n").Count
            ($rows | Where-Object LastName -Match "[''ØÅü]").Count | Should -BeGreaterThan 0
            ($rows.LastName -join '|') | Should -Be ($oracle.LastName -join '|')
        }

        It 'reads all 2002 rows of Microsoft''s sample CSV files through a wildcard' {
            if (Skip-WithoutSharedAnchors) { return }
            $rows = Import-HrCsv (Join-Path (Get-SampleFolder) '*.csv')
            $rows.Count | Should -Be 2002
        }

        It 'takes files from Get-ChildItem by property name' {
            if (Skip-WithoutSharedAnchors) { return }
            $rows = Get-ChildItem (Get-SampleFolder) -Filter *.csv | Import-HrCsv
            $rows.Count | Should -Be 2002
        }

        It 'takes paths from the pipeline by value' {
            if (Skip-WithoutSharedAnchors) { return }
            $rows = (Get-SamplePath 'csv-with-2-records.csv'), (Get-SamplePath 'csv-with-5-records.txt') | Import-HrCsv
            $rows.Count | Should -Be 7
        }

        It 'reads several -LiteralPath values' {
            if (Skip-WithoutSharedAnchors) { return }
            $rows = Import-HrCsv -LiteralPath (Get-SamplePath 'employeeData.csv'), (Get-SamplePath 'internData.csv')
            $rows.Count | Should -Be (332 + 337)
        }

        It 'gives each row its columns as properties in header order' {
            $row = Import-HrCsv (Get-OwnSamplePath 'workers.csv') | Select-Object -First 1
            $row.PSObject.Properties.Name | Select-Object -First 3 | Should -Be @('WorkerID', 'WorkerStatus', 'WorkerType')
            $row.FullName | Should -Be 'Ava Taylor'
            $row.workerid | Should -Be '105747'
        }

        It 'works with Where-Object, Select-Object and Export-Csv' {
            $out = Join-Path $TestDrive 'active.csv'
            Import-HrCsv (Get-OwnSamplePath 'workers.csv') | Where-Object WorkerType -eq 'Contractor' |
                Select-Object WorkerID, FullName, StreetAddress | Export-Csv $out
            $expected = Import-Csv (Get-OwnSamplePath 'workers.csv') | Where-Object WorkerType -eq 'Contractor'
            $back = Import-Csv $out
            $back.Count | Should -Be $expected.Count
            ($back.FullName -join '|') | Should -Be ($expected.FullName -join '|')
            ($back.StreetAddress -join '|') | Should -Be ($expected.StreetAddress -join '|')
        }

        It 'keeps values as written unless -Trim' {
            if (Skip-WithoutSharedAnchors) { return }
            (Import-HrCsv (Get-SamplePath 'csv-with-5-records.txt'))[-1].ZipCode | Should -Be '71677 '
            (Import-HrCsv (Get-SamplePath 'csv-with-5-records.txt') -Trim)[-1].ZipCode | Should -Be '71677'
        }

        It 'carries the source file and line of each row' {
            $row = (Import-HrCsv (Get-OwnSamplePath 'workers.csv'))[1]
            $row.PSObject.BaseObject.GetLineNumber() | Should -Be 3
            $row.PSObject.BaseObject.GetSourceFile() | Should -Be (Get-OwnSamplePath 'workers.csv')
        }

        It 'says on the verbose stream how many rows it read and rejected' {
            $verbose = Import-HrCsv (Get-OwnSamplePath 'workers.csv') -Verbose 4>&1 | Where-Object { $_ -is [Management.Automation.VerboseRecord] }
            $verbose.Message | Should -Match '1000 rows read, 0 rows rejected'
        }
    }

    Context 'formats' {
        It 'reads semicolon and tab delimited files' {
            (Import-HrCsv (New-TestCsv "Id;Name`n1;Ann") -Delimiter ';').Name | Should -Be 'Ann'
            (Import-HrCsv (New-TestCsv "Id`tName`n1`tAnn") -Delimiter "`t").Name | Should -Be 'Ann'
        }

        It 'reads quoted fields with delimiters, quotes and line breaks, and a quoted header' {
            $row = Import-HrCsv (New-TestCsv "`"Id`",`"Name`"`r`n1,`"Smith, `"`"J`"`"`nJr`"")
            $row.PSObject.Properties.Name | Should -Be @('Id', 'Name')
            $row.Name | Should -Be "Smith, `"J`"`nJr"
        }

        It 'reads windows-1252 by name' {
            $path = Join-Path $TestDrive 'ansi.csv'
            [IO.File]::WriteAllBytes($path, [byte[]](0x49, 0x64, 0x2C, 0x4E, 0x0A, 0x31, 0x2C, 0x80, 0x0A))
            (Import-HrCsv $path -Encoding windows-1252).N | Should -Be ([string][char]0x20AC)
        }

        It 'uses -Header as the column names and the first line as data' {
            $rows = Import-HrCsv (New-TestCsv "1,Ann`n2,Bob") -Header Id, Name
            $rows.Count | Should -Be 2
            $rows[0].Name | Should -Be 'Ann'
        }

        It 'replaces the file''s header with -Header -ReplaceHeader' {
            $rows = Import-HrCsv (New-TestCsv "Emp #,Full name`n1,Ann") -Header Id, Name -ReplaceHeader
            @($rows).Count | Should -Be 1
            $rows.Name | Should -Be 'Ann'
            { Import-HrCsv (New-TestCsv "a`n1") -ReplaceHeader } | Should -Throw -ErrorId 'ImportHrCsvHeaderMissing*'
        }

        It 'rejects an unknown encoding name' {
            { Import-HrCsv (Get-OwnSamplePath 'workers.csv') -Encoding ebcdic } | Should -Throw -ErrorId 'ImportHrCsvUnknownEncoding*'
        }
    }

    Context 'bad input' {
        It 'stops on a missing file, naming it' {
            { Import-HrCsv (Join-Path $TestDrive 'missing.csv') } | Should -Throw -ErrorId 'ImportHrCsvFileNotFound*'
            { Import-HrCsv -LiteralPath (Join-Path $TestDrive 'missing.csv') } | Should -Throw '*missing.csv*'
        }

        It 'stops on an empty file' {
            { Import-HrCsv (New-TestCsv '') } | Should -Throw -ErrorId 'ImportHrCsvEmptyFile*'
        }

        It 'warns about a header-only file and writes no rows' {
            $rows = Import-HrCsv (New-TestCsv "Id,Name`n") -WarningVariable warnings -WarningAction SilentlyContinue
            $rows | Should -BeNullOrEmpty
            $warnings[0].Message | Should -Match 'header and no data rows'
        }

        It 'stops on duplicate and empty header names' {
            { Import-HrCsv (New-TestCsv "Id,Name,NAME`n1,a,b") } | Should -Throw -ErrorId 'ImportHrCsvDuplicateHeaderName*'
            { Import-HrCsv (New-TestCsv "Id,,Name`n1,a,b") } | Should -Throw -ErrorId 'ImportHrCsvEmptyHeaderName*'
        }

        It 'writes an error with file and line for a row with too many or too few fields, and goes on' {
            $path = New-TestCsv "Id,Name`n1,Ann`n2,Bob,x`n3`n4,Dan"
            $rows = Import-HrCsv $path -ErrorVariable errs -ErrorAction SilentlyContinue
            $rows.Id | Should -Be @('1', '4')
            $errs.Count | Should -Be 2
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'ImportHrCsvTooManyFields*'
            $errs[0].CategoryInfo.Category | Should -Be 'InvalidData'
            $errs[0].Exception.Message | Should -BeLike "*${path}:3:*"
            $errs[0].TargetObject.LineNumber | Should -Be 3
            $errs[1].FullyQualifiedErrorId | Should -BeLike 'ImportHrCsvTooFewFields*'
        }

        It 'says once, with the count and every line, that every row has one field more than the header' {
            # A trailing delimiter on every data row: 200 rows of 3 fields under a header of 2, and one good row.
            $lines = @('Id,Name') + (1..200 | ForEach-Object { "$_,Worker $_," }) + @('201,Ann')
            $path = New-TestCsv ($lines -join "`n")
            $rows = Import-HrCsv $path -ErrorVariable errs -ErrorAction SilentlyContinue
            $rows.Id | Should -Be '201'
            $errs.Count | Should -Be 6
            $errs[0..4].TargetObject.LineNumber | Should -Be @(2, 3, 4, 5, 6)
            $errs[5].FullyQualifiedErrorId | Should -BeLike 'ImportHrCsvRowsRejectedAlike*'
            $errs[5].CategoryInfo.Category | Should -Be 'InvalidData'
            $errs[5].Exception.Message | Should -BeLike "${path}: 200 rows were rejected the same way, at lines 2-201; the first 5 were also reported one by one*the row has 3 fields but the header has 2*"
            $errs[5].TargetObject.RowCount | Should -Be 200
            $errs[5].TargetObject.ReportedOneByOne | Should -Be 5
            $errs[5].TargetObject.LineNumbers | Should -Be (2..201)
        }

        It 'names every line of a few rows with the same wrong field count among many good ones' {
            # Unquoted commas in 8 of 1000 addresses: the lines past the first five are named too.
            $faulty = 12, 13, 14, 480, 610, 611, 902, 1001
            $lines = @('Id,Name,Address') + (2..1001 | ForEach-Object { if ($_ -in $faulty) { "$_,W$_,1 Main St, Springfield" } else { "$_,W$_,1 Main St" } })
            $path = New-TestCsv ($lines -join "`n")
            $rows = Import-HrCsv $path -ErrorVariable errs -ErrorAction SilentlyContinue
            $rows.Count | Should -Be 992
            $errs.Count | Should -Be 6
            $errs[5].FullyQualifiedErrorId | Should -BeLike 'ImportHrCsvRowsRejectedAlike*'
            $errs[5].Exception.Message | Should -BeLike '*8 rows were rejected the same way, at lines 12-14, 480, 610-611, 902, 1001;*'
            $errs[5].TargetObject.LineNumbers | Should -Be $faulty
        }

        It 'names -Delimiter when a semicolon file whose header holds a comma is read with the default comma' {
            $rows = Import-HrCsv (New-TestCsv "Id;Last, First;City`n1;W1;Paris`n2;W2;Paris") -ErrorVariable errs -ErrorAction SilentlyContinue
            $rows | Should -BeNullOrEmpty
            $errs.Count | Should -Be 2
            $errs | ForEach-Object {
                $_.FullyQualifiedErrorId | Should -BeLike 'ImportHrCsvTooFewFields*'
                $_.Exception.Message | Should -BeLike "*looks semicolon-separated. Read it with -Delimiter ';'."
            }
        }

        It 'writes an error for an unterminated quote and reads the lines after it' {
            $rows = Import-HrCsv (New-TestCsv "Id,Name`n1,`"Ann`n2,Bob") -ErrorVariable errs -ErrorAction SilentlyContinue
            $rows.Id | Should -Be @('2')
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'ImportHrCsvUnterminatedQuote*'
            $errs[0].TargetObject.LineNumber | Should -Be 2
        }

        It 'writes an error for bytes invalid in the encoding' {
            $path = Join-Path $TestDrive 'bad.csv'
            [IO.File]::WriteAllBytes($path, [byte[]](0x49, 0x64, 0x0A, 0xFF, 0x0A, 0x32, 0x0A))
            $rows = Import-HrCsv $path -ErrorVariable errs -ErrorAction SilentlyContinue
            $rows.Id | Should -Be '2'
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'ImportHrCsvInvalidBytes*'
            $errs[0].TargetObject.LineNumber | Should -Be 2
        }

        It 'writes an error naming its line for every row with invalid bytes, and none of them flows on' {
            $path = Join-Path $TestDrive 'latin1.csv'
            [IO.File]::WriteAllBytes($path, [Text.Encoding]::Latin1.GetBytes("Id,Name`n2,Zoë`n3,José`n4,Ångström`n5,Bob`n"))
            $rows = Import-HrCsv $path -ErrorVariable errs -ErrorAction SilentlyContinue
            $rows.Id | Should -Be '5'
            $errs.Count | Should -Be 3
            $errs.TargetObject.LineNumber | Should -Be @(2, 3, 4)
            $errs | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'ImportHrCsvInvalidBytes*' }
        }

        It 'stops once, naming -Delimiter, on a semicolon or tab file read with the default comma' {
            $rows = try { Import-HrCsv (New-TestCsv "Id;Name`n1;Ann`n2;Bob") -ErrorVariable errs -ErrorAction SilentlyContinue } catch { $caught = $_ }
            $rows | Should -BeNullOrEmpty
            $errs.Count | Should -Be 1
            $caught.FullyQualifiedErrorId | Should -BeLike 'ImportHrCsvWrongDelimiter*'
            $caught.Exception.Message | Should -BeLike "*-Delimiter ';'*"
            { Import-HrCsv (New-TestCsv "Id`tName`n1`tAnn") } | Should -Throw '*tab-separated*-Delimiter "``t"*'
        }

        It 'stops once, naming -Encoding, on UTF-16 without a byte order mark, and reads it with -Encoding' {
            $path = Join-Path $TestDrive 'utf16.csv'
            [IO.File]::WriteAllBytes($path, [Text.Encoding]::Unicode.GetBytes("Id,Name`n1,Zoë`n2,Bob`n"))
            { Import-HrCsv $path } | Should -Throw -ErrorId 'ImportHrCsvWrongEncoding*'
            { Import-HrCsv $path } | Should -Throw '*-Encoding Unicode*'
            (Import-HrCsv $path -Encoding Unicode).Name | Should -Be @('Zoë', 'Bob')
            $bigEndian = Join-Path $TestDrive 'utf16be.csv'
            [IO.File]::WriteAllBytes($bigEndian, [Text.Encoding]::BigEndianUnicode.GetBytes("Id,Name`n1,Zoë`n"))
            { Import-HrCsv $bigEndian } | Should -Throw '*-Encoding BigEndianUnicode*'
        }
    }

    Context 'long files' {
        BeforeAll {
            $script:big = Join-Path $TestDrive 'big.csv'
            $lines = [Collections.Generic.List[string]]::new()
            $lines.Add('Id,Name,Note')
            foreach ($i in 1..200000) { $lines.Add("$i,Name $i,`"a, b`"") }
            [IO.File]::WriteAllLines($script:big, $lines)
        }

        It 'reports progress' {
            $ps = [powershell]::Create().AddCommand('Import-Module').AddArgument((Get-EipModulePath)).AddStatement().
                AddCommand('Import-HrCsv').AddArgument($script:big).AddCommand('Measure-Object')
            $count = $ps.Invoke()[0].Count
            $count | Should -Be 200000
            $ps.Streams.Progress.Activity | Select-Object -Unique | Should -Be 'Import-HrCsv'
            $ps.Dispose()
        }

        It 'stops when the pipeline is stopped' {
            $ps = [powershell]::Create().AddCommand('Import-Module').AddArgument((Get-EipModulePath)).AddStatement().
                AddCommand('Import-HrCsv').AddArgument($script:big)
            $output = [Management.Automation.PSDataCollection[psobject]]::new()
            $noInput = [Management.Automation.PSDataCollection[psobject]]::new()
            $noInput.Complete()
            $null = $ps.BeginInvoke($noInput, $output)
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while ($output.Count -lt 10 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 5 }
            $output.Count | Should -BeGreaterOrEqual 10
            $ps.Stop()
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            $output.Count | Should -BeLessThan 200000
            $ps.Dispose()
        }
    }
}
