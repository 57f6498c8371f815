<#
.SYNOPSIS
    Writes the project's sample HR export (samples/workers.csv): about 1,000 rows of invented workers with what
    real exports contain.
.DESCRIPTION
    The columns are those of Microsoft's CSV2SCIM samples (so that a CSV2SCIM AttributeMapping.psd1 for those
    files maps this one unchanged). What the file holds on purpose:
      - duplicate worker IDs (a second row for a worker with another assignment);
      - reports listed before their managers, and managers that are not in the file;
      - leavers (WorkerStatus Inactive);
      - blank optional cells (street address, phone, pronoun, location, Custom02);
      - names with accents and apostrophes (written as UTF-8), and a UPN made of them without the accents;
      - quoted fields with commas, doubled quotes and line breaks.
    The output is the same on every run (a fixed seed), so the file can be regenerated and compared.
.EXAMPLE
    ./samples/New-SampleHrExport.ps1
    Writes samples/workers.csv.
.EXAMPLE
    ./samples/New-SampleHrExport.ps1 -Path ./big.csv -Workers 5000 -Seed 7
#>
[CmdletBinding()]
param(
    [string] $Path = (Join-Path $PSScriptRoot 'workers.csv'),
    # Distinct workers; the file has a few more rows than this (the duplicates).
    [int] $Workers = 960,
    [int] $DuplicateRows = 40,
    # Managers named in the file who are not in it (left, or in another export).
    [int] $ExternalManagers = 12,
    [int] $Seed = 20261129
)
$ErrorActionPreference = 'Stop'
# .NET resolves a relative path against the process's folder, not PowerShell's location.
$Path = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($Path)
$random = [Random]::new($Seed)
function Pick([object[]] $Items) { $Items[$random.Next($Items.Count)] }
function Chance([double] $P) { $random.NextDouble() -lt $P }

$givenNames = 'Amélie', 'Zoë', 'José', 'Søren', 'François', 'Björn', 'Łukasz', 'Chloé', 'Mónica', 'Jürgen', 'Ana', 'Liam',
    'Noah', 'Olivia', 'Emma', 'Ava', 'Mia', 'Lucas', 'Ethan', 'Priya', 'Aarav', 'Yuki', 'Hiro', 'Fatima', 'Omar',
    'Grace', 'Seán', 'Siobhán', 'Kai', 'Ingrid', 'Mateo', 'Lea', 'Nils', 'Ebony', 'Tomás', 'Renée', 'Dmitri', 'Zainab'
$familyNames = "O'Brien", "D'Angelo", "N'Diaye", "O'Connor", 'Müller', 'Ørsted', 'Nuñez', 'Ångström', 'García', 'Dvořák',
    'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Taylor', 'Anderson', 'Thomas',
    'Moore', 'Martin', 'Lee', 'Walker', 'Hall', 'Young', 'King', 'Wright', 'Lopez', 'Hill', 'Scott', 'Green', 'Adams',
    'Nakamura', 'Kowalski', 'Schäfer', 'Lefèvre', 'Kristiansen', 'van der Berg'
$departments = 'Sales', 'Finance', 'Human Resources', 'Product Engineering', 'Marketing', 'Legal', 'Operations', 'Support'
$divisions = 'Retail', 'Industrial', 'Services', 'Consumer'
$companies = 'Contoso', 'Contoso Europe', 'Fabrikam'
$locations = 'Americas', 'Europe', 'Asia Pacific'
$titles = 'Analyst', 'Engineer', 'Senior Engineer', 'Consultant', 'Specialist', 'Coordinator', 'Associate', 'Designer'
$managerTitles = 'Manager', 'Senior Manager', 'Director, Sales', 'Head of "Platform"', 'Vice President'
$cities = @(
    @{ City = 'Seattle'; Country = 'US'; Zip = '98101' }, @{ City = 'Chicago'; Country = 'US'; Zip = '60601' },
    @{ City = 'London'; Country = 'GB'; Zip = 'EC1A 1BB' }, @{ City = 'Zürich'; Country = 'CH'; Zip = '8001' },
    @{ City = 'München'; Country = 'DE'; Zip = '80331' }, @{ City = 'São Paulo'; Country = 'BR'; Zip = '01310-000' },
    @{ City = 'Montréal'; Country = 'CA'; Zip = 'H2Y 1C6' }, @{ City = 'Tokyo'; Country = 'JP'; Zip = '100-0001' }
)
$streets = 'Main Street', 'High Street', 'Rue de la Paix', 'Bahnhofstraße', 'Harbour Road', 'Elm Avenue'
$pronouns = 'she/her', 'he/him', 'they/them'

# Worker IDs: the first tenth are managers. The top one reports to nobody; the rest of the managers report to a
# manager with a lower number, and everybody else to one of the managers, or to one not in the file.
$ids = 1..$Workers | ForEach-Object { 100000 + $_ * 7 }
$managerCount = [Math]::Max(2, [int]($Workers / 10))
$externalIds = @(if ($ExternalManagers -gt 0) { 1..$ExternalManagers | ForEach-Object { 900000 + $_ } })

# first.last@contoso.example without accents, apostrophes or spaces; a number where two workers share a name.
$upns = @{}
function New-Upn([string] $Given, [string] $Family) {
    $plain = "$Given.$Family".Normalize([Text.NormalizationForm]::FormD) -replace '\p{Mn}', ''
    $plain = ($plain -replace 'ø', 'o' -replace 'Ø', 'O' -replace 'ł', 'l' -replace 'Ł', 'L' -replace 'ß', 'ss' -replace "[^A-Za-z.]", '').ToLowerInvariant()
    $n = ++$upns[$plain]
    if ($n -gt 1) { $plain += $n }
    "$plain@contoso.example"
}

function New-Worker([int] $Index) {
    $id = $ids[$Index]
    $isManager = $Index -lt $managerCount
    $manager = if ($Index -eq 0) { '' }
        elseif ($isManager) { $ids[$random.Next($Index)] }
        elseif ($externalIds.Count -gt 0 -and (Chance 0.06)) { Pick $externalIds }
        else { $ids[$random.Next($managerCount)] }
    $given = Pick $givenNames
    $family = Pick $familyNames
    $place = Pick $cities
    $street = switch ($random.Next(10)) {
        0 { '' }
        1 { "Flat $($random.Next(1, 30)), $($random.Next(1, 300)) $(Pick $streets)" }
        2 { "Unit $($random.Next(1, 9))`nBuilding $([char](65 + $random.Next(6)))`n$($random.Next(1, 300)) $(Pick $streets)" }
        default { "$($random.Next(1, 300)) $(Pick $streets)" }
    }
    [ordered]@{
        WorkerID      = "$id"
        WorkerStatus  = if (Chance 0.08) { 'Inactive' } else { 'Active' }
        WorkerType    = if (Chance 0.8) { 'Employee' } elseif (Chance 0.6) { 'Contractor' } else { 'Intern' }
        UserID        = "EMP$id"
        FirstName     = $given
        LastName      = $family
        FullName      = "$given $family"
        GenderPronoun = if (Chance 0.3) { '' } else { Pick $pronouns }
        ManagerID     = "$manager"
        HireDate      = [datetime]::new(2005, 1, 1).AddDays($random.Next(7300)).ToString('yyyy-MM-dd')
        OnLeave       = if (Chance 0.05) { 'True' } else { 'False' }
        Department    = Pick $departments
        Division      = Pick $divisions
        CostCenter    = 'CC{0}' -f $random.Next(1000, 1100)
        Company       = Pick $companies
        Location      = if (Chance 0.1) { '' } else { Pick $locations }
        JobTitle      = if ($isManager) { Pick $managerTitles } else { Pick $titles }
        StreetAddress = $street
        City          = $place.City
        CountryCode   = $place.Country
        OfficePhone   = if (Chance 0.15) { '' } else { '+1 425 555 {0:0000}' -f $random.Next(10000) }
        Custom01      = 'T{0}' -f $random.Next(1000, 1200)
        Custom02      = if (Chance 0.5) { '' } else { 'Badge {0}, floor {1}' -f $random.Next(100, 999), $random.Next(1, 12) }
        ZipCode       = $place.Zip
        UserPrincipalName = New-Upn $given $family
    }
}

$rows = [Collections.Generic.List[object]]::new()
for ($i = 0; $i -lt $Workers; $i++) { $rows.Add((New-Worker $i)) }
# A second row for some workers: the same ID with another assignment, as exports with several jobs per person have.
for ($d = 0; $d -lt $DuplicateRows; $d++) {
    $copy = [ordered]@{} + $rows[$random.Next($Workers)]
    $copy.JobTitle = Pick $titles
    $copy.Department = Pick $departments
    $rows.Add($copy)
}
# Shuffled (Fisher-Yates), so that many reports come before their managers, as in an export sorted by anything else.
for ($i = $rows.Count - 1; $i -gt 0; $i--) {
    $j = $random.Next($i + 1)
    $rows[$i], $rows[$j] = $rows[$j], $rows[$i]
}

function ConvertTo-CsvField([string] $Value) {
    if ($Value -match '[",\r\n]') { '"' + $Value.Replace('"', '""') + '"' } else { $Value }
}
$writer = [IO.StreamWriter]::new($Path, $false, [Text.UTF8Encoding]::new($false))
try {
    $writer.NewLine = "`n"
    $writer.WriteLine(($rows[0].Keys -join ','))
    foreach ($row in $rows) { $writer.WriteLine((($row.Values | ForEach-Object { ConvertTo-CsvField $_ }) -join ',')) }
}
finally { $writer.Dispose() }
Write-Verbose "Wrote $($rows.Count) rows ($Workers workers, $DuplicateRows duplicate rows) to $Path"
