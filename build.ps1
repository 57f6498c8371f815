#requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests, demonstrates, benchmarks and packages the EntraInboundProvisioning module.
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Bench', 'Package', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Bench: the row counts to measure.
    [int[]] $BenchRows = @(10000, 100000, 1000000)
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$Root = $PSScriptRoot
$OutDir = Join-Path $Root 'out'
$ModuleName = 'EntraInboundProvisioning'
$ModuleDir = Join-Path $OutDir $ModuleName
$PesterVersion = '5.7.1'

function Invoke-Native {
    param([Parameter(Mandatory)][string] $Command, [string[]] $Arguments = @())
    & $Command @Arguments
    if ($LASTEXITCODE -ne 0) { throw "'$Command $($Arguments -join ' ')' failed with exit code $LASTEXITCODE." }
}

function Invoke-Build {
    $publish = Join-Path $OutDir 'publish'
    if (Test-Path $publish) { Remove-Item $publish -Recurse -Force }
    Invoke-Native dotnet @('publish', (Join-Path $Root "src/$ModuleName/$ModuleName.csproj"), '-c', $Configuration, '-o', $publish, '--nologo', '-v', 'quiet')

    if (Test-Path $ModuleDir) { Remove-Item $ModuleDir -Recurse -Force }
    $lib = New-Item -ItemType Directory -Path (Join-Path $ModuleDir 'lib') -Force
    Copy-Item (Join-Path $Root "$ModuleName.psd1") $ModuleDir
    Copy-Item (Join-Path $Root "src/$ModuleName/Formatting/*.ps1xml") $ModuleDir
    Copy-Item (Join-Path $Root 'en-US') $ModuleDir -Recurse
    Copy-Item (Join-Path $publish "$ModuleName.dll") $ModuleDir
    # Everything the module depends on goes to lib/, where only the module's own load context looks.
    Get-ChildItem $publish -File | Where-Object { $_.Name -ne "$ModuleName.dll" -and $_.Extension -in '.dll', '.json' -and $_.Name -notlike "$ModuleName.deps.json" } |
        Copy-Item -Destination $lib
    Get-ChildItem $publish -Directory | Where-Object Name -eq 'runtimes' | Copy-Item -Destination $lib -Recurse
    # The local provisioning endpoint runs as a process of its own (dotnet on the ASP.NET Core shared framework).
    Invoke-Native dotnet @('publish', (Join-Path $Root "src/$ModuleName.LocalEndpoint/$ModuleName.LocalEndpoint.csproj"), '-c', $Configuration, '-o', (Join-Path $ModuleDir 'endpoint'), '--nologo', '-v', 'quiet')
    Write-Host "Built $ModuleDir"
}

function Get-PesterModulePath {
    Invoke-Native dotnet @('restore', (Join-Path $Root 'tests/pester/PesterPackage.csproj'), '--nologo', '-v', 'quiet')
    $packages = (dotnet nuget locals global-packages -l) -replace '^global-packages:\s*', ''
    $psd1 = Join-Path $packages.Trim() "pester/$PesterVersion/tools/Pester.psd1"
    if (-not (Test-Path $psd1)) { throw "Pester $PesterVersion was not found at $psd1 after restore." }
    $psd1
}

function Invoke-XunitTests {
    $results = Join-Path $OutDir 'testresults'
    if (Test-Path $results) { Remove-Item $results -Recurse -Force }
    $passed = 0; $failed = 0; $skipped = 0
    foreach ($project in Get-ChildItem (Join-Path $Root 'tests') -Recurse -Filter '*.Tests.csproj') {
        $trx = "$($project.BaseName).trx"
        & dotnet test $project.FullName -c $Configuration --nologo --logger "trx;LogFileName=$trx" --results-directory $results | Out-Host
        $file = Join-Path $results $trx
        if (-not (Test-Path $file)) {
            Write-Warning "$($project.Name) did not run (no results); counted as one failure."
            $failed++
            continue
        }
        $counters = ([xml](Get-Content $file -Raw)).TestRun.ResultSummary.Counters
        $passed += [int]$counters.passed
        # xunit writes skipped tests into total but not executed (its notExecuted stays 0).
        $skipped += [int]$counters.total - [int]$counters.executed
        $failed += [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
    }
    [pscustomobject]@{ Passed = $passed; Failed = $failed; Skipped = $skipped }
}

function Invoke-PesterTests {
    $pester = Get-PesterModulePath
    $runner = Join-Path $Root 'tests/pester/Invoke-PesterSuite.ps1'
    $summary = Join-Path $OutDir 'pester-summary.json'
    if (Test-Path $summary) { Remove-Item $summary -Force }
    # A process of its own: the suite imports the built module and must not see this session's assemblies.
    & dotnet pwsh -NoProfile -NonInteractive -File $runner -PesterPath $pester -ModulePath (Join-Path $ModuleDir "$ModuleName.psd1") -SummaryPath $summary | Out-Host
    if (-not (Test-Path $summary)) {
        Write-Warning 'The Pester suite did not finish; counted as one failure.'
        return [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 }
    }
    Get-Content $summary -Raw | ConvertFrom-Json
}

function Invoke-Test {
    Invoke-Build
    $xunit = Invoke-XunitTests
    $pester = Invoke-PesterTests
    Write-Host "xunit: $($xunit.Passed) passed, $($xunit.Failed) failed, $($xunit.Skipped) skipped; Pester: $($pester.Passed) passed, $($pester.Failed) failed, $($pester.Skipped) skipped"
    $passed = $xunit.Passed + $pester.Passed
    $failed = $xunit.Failed + $pester.Failed
    $skipped = $xunit.Skipped + $pester.Skipped
    if ($passed -eq 0) { $failed++ }
    if ($skipped -gt 0) { Write-Host "$passed passed, $failed failed, $skipped skipped" } else { Write-Host "$passed passed, $failed failed" }
    if ($failed -gt 0) { exit 1 }
}

function Invoke-Demo {
    Invoke-Build
    & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'samples/Invoke-Demo.ps1') -ModulePath (Join-Path $ModuleDir "$ModuleName.psd1")
    if ($LASTEXITCODE -ne 0) { throw "The demo failed with exit code $LASTEXITCODE." }
}

function Invoke-Bench {
    Invoke-Build
    & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'tests/bench/Invoke-Bench.ps1') -ModulePath (Join-Path $ModuleDir "$ModuleName.psd1") -Rows ($BenchRows -join ",")
    if ($LASTEXITCODE -ne 0) { throw "The benchmark failed with exit code $LASTEXITCODE." }
}

function Invoke-Package {
    Invoke-Build
    $version = (Import-PowerShellDataFile (Join-Path $Root "$ModuleName.psd1")).ModuleVersion
    $zip = Join-Path $OutDir "$ModuleName-$version.zip"
    Compress-Archive -Path $ModuleDir -DestinationPath $zip -Force
    Write-Host "Packaged $zip"
}

function Invoke-Clean {
    if (Test-Path $OutDir) { Remove-Item $OutDir -Recurse -Force }
    Invoke-Native dotnet @('clean', (Join-Path $Root "$ModuleName.sln"), '--nologo', '-v', 'quiet')
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Bench' { Invoke-Bench }
    'Package' { Invoke-Package }
    'Clean' { Invoke-Clean }
}
