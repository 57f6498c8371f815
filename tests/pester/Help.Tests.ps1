BeforeDiscovery {
    Import-Module $env:EIP_MODULE_PATH -Force
    $script:cmdlets = (Get-Module EntraInboundProvisioning).ExportedCmdlets.Values | ForEach-Object {
        $common = [Management.Automation.PSCmdlet]::CommonParameters + [Management.Automation.PSCmdlet]::OptionalCommonParameters |
            Where-Object { $_ -notin 'WhatIf', 'Confirm' }
        @{ Name = $_.Name; Parameters = @($_.Parameters.Keys | Where-Object { $_ -notin $common }) }
    }
}

BeforeAll {
    Import-Module $env:EIP_MODULE_PATH -Force
}

Describe 'Help for <Name>' -ForEach $cmdlets {
    BeforeAll {
        $script:help = Get-Help $Name -Full
    }

    It 'has a synopsis and a description' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -BeLike "*$Name*[<CommonParameters>]*"
        ($help.Description.Text -join ' ') | Should -Not -BeNullOrEmpty
    }

    It 'has at least two examples with code and remarks' {
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
        foreach ($example in $help.Examples.Example) {
            $example.Code | Should -Not -BeNullOrEmpty
            ($example.Remarks.Text -join '') | Should -Not -BeNullOrEmpty
        }
    }

    It 'shows readable type names in its syntax' {
        $syntax = Get-Help $Name | Out-String
        $syntax | Should -Not -Match 'Nullable`1|`1\b'
    }

    It 'describes every parameter, -WhatIf and -Confirm included where it has them' {
        foreach ($parameter in $Parameters) {
            $entry = $help.Parameters.Parameter | Where-Object Name -eq $parameter
            $entry | Should -Not -BeNullOrEmpty -Because "-$parameter needs help"
            ($entry.Description.Text -join '') | Should -Not -BeNullOrEmpty -Because "-$parameter needs a description"
        }
    }
}

Describe 'Help files' {
    It 'has an about topic' {
        Get-Help about_EntraInboundProvisioning | Out-String | Should -Match 'bulkUpload'
    }

    It 'is the MAML that docs/help gives today' {
        $fresh = Join-Path $TestDrive 'help.xml'
        & (Join-Path $PSScriptRoot '../../tools/Build-MamlHelp.ps1') -ModulePath $env:EIP_MODULE_PATH -OutFile $fresh
        $committed = Join-Path $PSScriptRoot '../../en-US/EntraInboundProvisioning.dll-Help.xml'
        Get-Content $fresh -Raw | Should -BeExactly (Get-Content $committed -Raw) -Because 'tools/Build-MamlHelp.ps1 must be run after changing docs/help or a cmdlet'
    }
}
