<#
.SYNOPSIS
    Zips a built module folder the way Azure Automation imports modules, and returns the zip.
.DESCRIPTION
    The zip holds one folder named like the module, with the manifest of that name in it (Azure Automation wants the
    zip, the folder and the manifest to share the name). Azure Automation's PowerShell 7.4 runtime is Windows x64, so
    of the dependencies' runtimes/<rid> folders only win and win-x64 go in; everything else goes in as it is.
    build.ps1 -Task Package and the distribution tests both call this script.
.EXAMPLE
    ./tools/New-AutomationZip.ps1 -ModuleFolder out/EntraInboundProvisioning -Destination out/EntraInboundProvisioning.zip
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string] $ModuleFolder,
    [Parameter(Mandatory)][string] $Destination
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

# Azure Automation refuses module files of 100 MB or more.
$MaxBytes = 100MB
$KeptRuntimes = @('win', 'win-x64')

$folder = (Resolve-Path -LiteralPath $ModuleFolder).ProviderPath.TrimEnd([IO.Path]::DirectorySeparatorChar, [IO.Path]::AltDirectorySeparatorChar)
$name = Split-Path $folder -Leaf
if (-not (Test-Path -LiteralPath (Join-Path $folder "$name.psd1"))) {
    throw "$folder has no manifest $name.psd1; Azure Automation needs the folder and the manifest to share the module's name. Build the module first (build.ps1 -Task Build)."
}
$zipPath = [IO.Path]::GetFullPath($Destination, (Get-Location).ProviderPath)
if ([IO.Path]::GetFileNameWithoutExtension($zipPath) -ne $name) {
    throw "The zip must be named $name.zip for Azure Automation, not $([IO.Path]::GetFileName($zipPath))."
}

function Test-ForOtherPlatform([string] $RelativePath) {
    $parts = $RelativePath -split '/'
    $at = [Array]::IndexOf($parts, 'runtimes')
    $at -ge 0 -and $at + 1 -lt $parts.Count - 1 -and $parts[$at + 1] -notin $KeptRuntimes
}

Add-Type -AssemblyName System.IO.Compression, System.IO.Compression.FileSystem
if (Test-Path -LiteralPath $zipPath) { Remove-Item -LiteralPath $zipPath -Force }
$zip = [IO.Compression.ZipFile]::Open($zipPath, [IO.Compression.ZipArchiveMode]::Create)
try {
    foreach ($file in Get-ChildItem -LiteralPath $folder -Recurse -File) {
        # Entry names use '/' on every platform, as the zip format says.
        $relative = [IO.Path]::GetRelativePath($folder, $file.FullName).Replace('\', '/')
        if (Test-ForOtherPlatform $relative) { continue }
        $null = [IO.Compression.ZipFileExtensions]::CreateEntryFromFile($zip, $file.FullName, "$name/$relative", [IO.Compression.CompressionLevel]::Optimal)
    }
}
finally {
    $zip.Dispose()
}

$item = Get-Item -LiteralPath $zipPath
if ($item.Length -ge $MaxBytes) {
    throw "$zipPath is $([math]::Round($item.Length / 1MB, 1)) MB; Azure Automation imports modules under $($MaxBytes / 1MB) MB."
}
$item
