<#
.SYNOPSIS
    Writes en-US/EntraInboundProvisioning.dll-Help.xml (MAML) from docs/help/<Cmdlet>.psd1 and the cmdlets' own
    metadata (parameter sets, types, positions, pipeline input), as platyPS would; platyPS is not available here.
.PARAMETER ModulePath
    The built module's manifest.
.PARAMETER OutFile
    Where to write the MAML; the committed file by default.
#>
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [string] $OutFile = (Join-Path $PSScriptRoot '../en-US/EntraInboundProvisioning.dll-Help.xml')
)
$ErrorActionPreference = 'Stop'
$module = Import-Module $ModulePath -PassThru -Force
# -WhatIf and -Confirm are documented where a cmdlet has them (SupportsShouldProcess); the other common parameters are not.
$common = [Management.Automation.PSCmdlet]::CommonParameters + [Management.Automation.PSCmdlet]::OptionalCommonParameters |
    Where-Object { $_ -notin 'WhatIf', 'Confirm' }
$sourceDir = Join-Path $PSScriptRoot '../docs/help'

$settings = [Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [Text.UTF8Encoding]::new($false); NewLineChars = "`n" }
$buffer = [IO.MemoryStream]::new()
$w = [Xml.XmlWriter]::Create($buffer, $settings)
$maml = 'http://schemas.microsoft.com/maml/2004/10'
$cmd = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$dev = 'http://schemas.microsoft.com/maml/dev/2004/10'

# Paragraphs are separated by blank lines and folded onto one line; a paragraph whose lines are all indented (code)
# keeps its lines as written.
function Write-Paras([string] $text) {
    $w.WriteStartElement('maml', 'description', $maml)
    foreach ($para in ($text.Trim("`r", "`n") -split "`r?`n\s*`r?`n")) {
        $lines = $para -split "`r?`n"
        $isCode = @($lines | Where-Object { $_ -notmatch '^\s{2,}\S' }).Count -eq 0
        $textOut = if ($isCode) { ($lines | ForEach-Object { $_.TrimEnd() }) -join "`n" } else { $para.Trim() -replace '\s*\r?\n\s*', ' ' }
        $w.WriteElementString('maml', 'para', $maml, $textOut)
    }
    $w.WriteEndElement()
}

# The name a reader knows: TimeSpan for Nullable<TimeSpan>, String[] for arrays.
function Get-TypeName([type] $type) {
    $underlying = [Nullable]::GetUnderlyingType($type)
    if ($underlying) { return $underlying.Name }
    $type.Name
}

function Get-PipelineInput($parameter) {
    $kinds = foreach ($set in $parameter.ParameterSets.Values) {
        if ($set.ValueFromPipeline) { 'ByValue' }
        if ($set.ValueFromPipelineByPropertyName) { 'ByPropertyName' }
    }
    $kinds = @($kinds | Sort-Object -Unique)
    if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }
}

function Write-Parameter($parameter, $setInfo, [string] $description) {
    $isSwitch = $parameter.ParameterType -eq [switch]
    $positioned = if ($setInfo) { $setInfo } else { $parameter.ParameterSets.Values | Where-Object Position -ge 0 | Select-Object -First 1 }
    $position = if ($positioned -and $positioned.Position -ge 0) { [string]$positioned.Position } else { 'named' }
    $required = if ($setInfo) { $setInfo.IsMandatory } else { ($parameter.ParameterSets.Values | Where-Object IsMandatory).Count -gt 0 }
    $wild = [bool]($parameter.Attributes | Where-Object { $_ -is [Management.Automation.SupportsWildcardsAttribute] })
    $w.WriteStartElement('command', 'parameter', $cmd)
    $w.WriteAttributeString('required', ([string]$required).ToLower())
    $w.WriteAttributeString('variableLength', 'true')
    $w.WriteAttributeString('globbing', ([string]$wild).ToLower())
    $w.WriteAttributeString('pipelineInput', (Get-PipelineInput $parameter))
    $w.WriteAttributeString('position', $position)
    $w.WriteAttributeString('aliases', $(if ($parameter.Aliases.Count) { $parameter.Aliases -join ', ' } else { 'none' }))
    $w.WriteElementString('maml', 'name', $maml, $parameter.Name)
    Write-Paras $description
    if (-not $isSwitch) {
        $w.WriteStartElement('command', 'parameterValue', $cmd)
        $w.WriteAttributeString('required', 'true')
        $w.WriteString((Get-TypeName $parameter.ParameterType))
        $w.WriteEndElement()
    }
    $w.WriteStartElement('dev', 'type', $dev)
    $typeForName = $parameter.ParameterType
    if ([Nullable]::GetUnderlyingType($typeForName)) { $typeForName = [Nullable]::GetUnderlyingType($typeForName) }
    $w.WriteElementString('maml', 'name', $maml, $typeForName.FullName)
    $w.WriteEndElement()
    $w.WriteEndElement()
}

$w.WriteStartDocument()
$w.WriteStartElement('helpItems', 'http://msh')
$w.WriteAttributeString('schema', 'maml')
foreach ($command in $module.ExportedCmdlets.Values | Sort-Object Name) {
    $sourceFile = Join-Path $sourceDir "$($command.Name).psd1"
    if (-not (Test-Path $sourceFile)) { throw "There is no help source for $($command.Name): write $sourceFile." }
    $help = Import-PowerShellDataFile $sourceFile
    $parameters = $command.Parameters.Values | Where-Object { $_.Name -notin $common }
    foreach ($parameter in $parameters) {
        if (-not $help.Parameters.ContainsKey($parameter.Name)) { throw "$sourceFile does not describe the parameter -$($parameter.Name)." }
    }

    $w.WriteStartElement('command', 'command', $cmd)
    $w.WriteAttributeString('xmlns', 'maml', $null, $maml)
    $w.WriteAttributeString('xmlns', 'dev', $null, $dev)
    $w.WriteStartElement('command', 'details', $cmd)
    $w.WriteElementString('command', 'name', $cmd, $command.Name)
    $w.WriteElementString('command', 'verb', $cmd, $command.Verb)
    $w.WriteElementString('command', 'noun', $cmd, $command.Noun)
    Write-Paras $help.Synopsis
    $w.WriteEndElement()
    Write-Paras $help.Description

    $w.WriteStartElement('command', 'syntax', $cmd)
    foreach ($set in $command.ParameterSets) {
        $w.WriteStartElement('command', 'syntaxItem', $cmd)
        $w.WriteElementString('maml', 'name', $maml, $command.Name)
        foreach ($setParameter in $set.Parameters | Where-Object { $_.Name -notin $common }) {
            Write-Parameter $command.Parameters[$setParameter.Name] $setParameter $help.Parameters[$setParameter.Name]
        }
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'parameters', $cmd)
    foreach ($parameter in $parameters) { Write-Parameter $parameter $null $help.Parameters[$parameter.Name] }
    $w.WriteEndElement()

    foreach ($pair in @(@('inputTypes', 'inputType', $help.Inputs), @('returnValues', 'returnValue', $help.Outputs))) {
        $w.WriteStartElement('command', $pair[0], $cmd)
        foreach ($entry in $pair[2]) {
            $w.WriteStartElement('command', $pair[1], $cmd)
            $w.WriteStartElement('dev', 'type', $dev)
            $w.WriteElementString('maml', 'name', $maml, $entry.Type)
            $w.WriteEndElement()
            Write-Paras $entry.Description
            $w.WriteEndElement()
        }
        $w.WriteEndElement()
    }

    if ($help.Notes) {
        $w.WriteStartElement('maml', 'alertSet', $maml)
        $w.WriteStartElement('maml', 'alert', $maml)
        foreach ($para in ($help.Notes.Trim() -split "`r?`n\s*`r?`n")) { $w.WriteElementString('maml', 'para', $maml, ($para.Trim() -replace '\s*\r?\n\s*', ' ')) }
        $w.WriteEndElement()
        $w.WriteEndElement()
    }

    $w.WriteStartElement('command', 'examples', $cmd)
    $n = 0
    foreach ($example in $help.Examples) {
        $n++
        $w.WriteStartElement('command', 'example', $cmd)
        $w.WriteElementString('maml', 'title', $maml, "-------------------------- Example $n --------------------------")
        $w.WriteElementString('dev', 'code', $dev, $example.Code.Trim())
        $w.WriteStartElement('dev', 'remarks', $dev)
        $w.WriteElementString('maml', 'para', $maml, ($example.Remarks.Trim() -replace '\s*\r?\n\s*', ' '))
        $w.WriteEndElement()
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'relatedLinks', $cmd)
    foreach ($link in $help.Links) {
        $w.WriteStartElement('maml', 'navigationLink', $maml)
        $w.WriteElementString('maml', 'linkText', $maml, $link)
        $w.WriteElementString('maml', 'uri', $maml, '')
        $w.WriteEndElement()
    }
    $w.WriteEndElement()
    $w.WriteEndElement()
}
$w.WriteEndElement()
$w.WriteEndDocument()
$w.Flush()
$text = [Text.UTF8Encoding]::new($false).GetString($buffer.ToArray()) + "`n"
[IO.File]::WriteAllText([IO.Path]::GetFullPath($OutFile), $text, [Text.UTF8Encoding]::new($false))
