<#
.SYNOPSIS
    Runs every *.Tests.ps1 under tests/pester against a built module and writes the counts as JSON.
#>
param(
    [Parameter(Mandatory)][string] $PesterPath,
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][string] $SummaryPath,
    # One suite only; without it, every suite.
    [string] $Path
)
$ErrorActionPreference = 'Stop'
Import-Module $PesterPath -Force
$env:EIP_MODULE_PATH = $ModulePath

# Examples.Tests signs in with the managed identity of a local endpoint; a process keeps a managed-identity token it
# got, which the endpoints of the other suites would not know. It runs in a process of its own.
$ownProcess = @(Join-Path $PSScriptRoot 'Examples.Tests.ps1')

$config = New-PesterConfiguration
$config.Run.Path = if ($Path) { $Path } else { $PSScriptRoot }
if (-not $Path) { $config.Run.ExcludePath = $ownProcess }
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Normal'
$result = Invoke-Pester -Configuration $config

$counts = [pscustomobject]@{
    Passed = $result.PassedCount
    Failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    Skipped = $result.SkippedCount
}
if (-not $Path) {
    foreach ($suite in $ownProcess) {
        $summary = Join-Path ([IO.Path]::GetTempPath()) "pester-$([guid]::NewGuid().ToString('N')).json"
        Push-Location $PSScriptRoot
        try { & dotnet pwsh -NoProfile -NonInteractive -File $PSCommandPath -PesterPath $PesterPath -ModulePath $ModulePath -SummaryPath $summary -Path $suite | Out-Host }
        finally { Pop-Location }
        if (-not (Test-Path $summary)) {
            Write-Warning "$suite did not finish; counted as one failure."
            $counts.Failed++
            continue
        }
        $suiteCounts = Get-Content $summary -Raw | ConvertFrom-Json
        Remove-Item $summary
        $counts.Passed += $suiteCounts.Passed; $counts.Failed += $suiteCounts.Failed; $counts.Skipped += $suiteCounts.Skipped
    }
}
$counts | ConvertTo-Json | Set-Content -Path $SummaryPath
