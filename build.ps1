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
    Write-ModuleManifest
    Copy-Item (Join-Path $Root 'LICENSE') $ModuleDir
    Copy-Item (Join-Path $Root "src/$ModuleName/Formatting/*.ps1xml") $ModuleDir
    Copy-Item (Join-Path $Root 'en-US') $ModuleDir -Recurse
    Copy-Item (Join-Path $publish "$ModuleName.dll") $ModuleDir
    # Everything the module depends on goes to lib/, where only the module's own load context looks.
    Get-ChildItem $publish -File | Where-Object { $_.Name -ne "$ModuleName.dll" -and $_.Extension -in '.dll', '.json' -and $_.Name -notlike "$ModuleName.deps.json" } |
        Copy-Item -Destination $lib
    Get-ChildItem $publish -Directory | Where-Object Name -eq 'runtimes' | Copy-Item -Destination $lib -Recurse
    # The local provisioning endpoint runs as a process of its own (dotnet on the ASP.NET Core shared framework), so it
    # needs no native launcher of this machine's platform.
    Invoke-Native dotnet @('publish', (Join-Path $Root "src/$ModuleName.LocalEndpoint/$ModuleName.LocalEndpoint.csproj"), '-c', $Configuration, '-o', (Join-Path $ModuleDir 'endpoint'), '-p:UseAppHost=false', '--nologo', '-v', 'quiet')
    Write-Host "Built $ModuleDir"
}

# The manifest's ModuleVersion is the module's one version (Directory.Build.props gives it to the assemblies); the
# built manifest gets that version's section of CHANGELOG.md as its ReleaseNotes.
function Write-ModuleManifest {
    $source = Join-Path $Root "$ModuleName.psd1"
    $version = (Import-PowerShellDataFile $source).ModuleVersion
    $section = [regex]::Match((Get-Content (Join-Path $Root 'CHANGELOG.md') -Raw), "(?ms)^## \[?$([regex]::Escape($version))\]?[^\n]*\n(.*?)(?=^## |\z)")
    if (-not $section.Success) { throw "CHANGELOG.md has no section '## $version' for the manifest's ModuleVersion; add what changed in $version." }
    $notes = $section.Groups[1].Value.Trim().Replace("'", "''")
    $text = Get-Content $source -Raw
    $stamped = [regex]::Replace($text, "(?m)^(\s*ReleaseNotes\s*=\s*)'[^']*'", { param($m) "$($m.Groups[1].Value)'$notes'" })
    if ($stamped -eq $text) { throw "$source has no ReleaseNotes = '...' line in PrivateData.PSData for the release notes." }
    Set-Content (Join-Path $ModuleDir "$ModuleName.psd1") $stamped -NoNewline -Encoding utf8NoBOM
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
        $exitCode = $LASTEXITCODE
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
        $projectFailed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
        # A crashed test host leaves counters of only the tests that finished; dotnet test's exit code says so.
        if ($exitCode -ne 0 -and $projectFailed -eq 0) {
            Write-Warning "$($project.Name): dotnet test exited with $exitCode although no test failed (the test host crashed or the run was aborted); counted as one failure."
            $projectFailed = 1
        }
        $failed += $projectFailed
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
    $zip = & (Join-Path $Root 'tools/New-AutomationZip.ps1') -ModuleFolder $ModuleDir -Destination (Join-Path $OutDir "$ModuleName.zip")
    Write-Host ("Packaged {0}: {1:0.0} MB (Azure Automation imports modules under 100 MB)" -f $zip.FullName, ($zip.Length / 1MB))
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
