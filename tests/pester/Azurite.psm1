# Azurite (Blob service) for tests: installed once with npm into out/tools/azurite, started on a free loopback port
# with its data in a temporary folder, stopped by the test. Where npm cannot install it, Start-TestAzurite returns
# an object whose Reason says why, and the tests skip with that reason:
#     BeforeAll { $script:azurite = Start-TestAzurite }
#     AfterAll { Stop-TestAzurite $script:azurite }
#     It '...' { if (Skip-WithoutAzurite $script:azurite) { return }; ... }

$script:AzuriteVersion = '3.37.0'
# The well-known development account of Azurite's README (not a secret).
$script:AccountName = 'devstoreaccount1'
$script:AccountKey = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='

function Get-AzuriteFolder { [IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../../out/tools/azurite')) }

function Install-TestAzurite {
    $folder = Get-AzuriteFolder
    $script = Join-Path $folder 'node_modules/azurite/dist/src/blob/main.js'
    if (Test-Path $script) { return $script }
    if (-not (Get-Command npm -ErrorAction Ignore) -or -not (Get-Command node -ErrorAction Ignore)) {
        throw "azurite $script:AzuriteVersion cannot be installed: node and npm are not on PATH"
    }
    New-Item -ItemType Directory -Path $folder -Force | Out-Null
    $log = & npm install --prefix $folder --no-audit --no-fund --loglevel=error "azurite@$script:AzuriteVersion" 2>&1
    if ($LASTEXITCODE -ne 0 -or -not (Test-Path $script)) {
        throw "npm could not install azurite@$script:AzuriteVersion into $folder ($(($log | Select-Object -Last 3) -join ' '))"
    }
    $script
}

function Get-FreeTcpPort {
    $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

function Start-TestAzurite {
    try {
        $script = Install-TestAzurite
    }
    catch {
        return [pscustomobject]@{ Reason = "$_"; Process = $null }
    }
    $port = Get-FreeTcpPort
    $location = Join-Path ([IO.Path]::GetTempPath()) "azurite-$([guid]::NewGuid().ToString('N'))"
    New-Item -ItemType Directory -Path $location | Out-Null
    $start = [Diagnostics.ProcessStartInfo]::new((Get-Command node).Source)
    foreach ($argument in $script, '--blobHost', '127.0.0.1', '--blobPort', "$port", '--location', $location, '--skipApiVersionCheck', '--silent', '--loose') {
        $start.ArgumentList.Add($argument)
    }
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.UseShellExecute = $false
    $process = [Diagnostics.Process]::Start($start)
    $azurite = [pscustomobject]@{
        Reason = $null
        Process = $process
        Location = $location
        Port = $port
        AccountName = $script:AccountName
        AccountKey = $script:AccountKey
        BlobEndpoint = "http://127.0.0.1:$port/$script:AccountName"
    }
    # Waits until it answers (a bound, not a measurement: node takes a few seconds on a busy machine).
    $deadline = [DateTime]::UtcNow.AddSeconds(90)
    while ([DateTime]::UtcNow -lt $deadline) {
        if ($process.HasExited) {
            $azurite.Reason = "azurite exited at start: $($process.StandardError.ReadToEnd())"
            return $azurite
        }
        try {
            $client = [Net.Sockets.TcpClient]::new()
            $client.Connect('127.0.0.1', $port)
            $client.Dispose()
            return $azurite
        }
        catch { Start-Sleep -Milliseconds 200 }
    }
    Stop-TestAzurite $azurite
    $azurite.Reason = "azurite did not answer on port $port within 90 s"
    $azurite
}

function Stop-TestAzurite([Parameter(Mandatory)][AllowNull()] $Azurite) {
    if ($null -eq $Azurite -or $null -eq $Azurite.Process) { return }
    if (-not $Azurite.Process.HasExited) {
        $Azurite.Process.Kill($true)
        $Azurite.Process.WaitForExit(10000) | Out-Null
    }
    $Azurite.Process.Dispose()
    $Azurite.Process = $null
    Remove-Item $Azurite.Location -Recurse -Force -ErrorAction Ignore
}

# Call first thing inside an It that needs Azurite: marks it skipped with the reason and returns $true when it is not running.
function Skip-WithoutAzurite($Azurite) {
    if ($null -ne $Azurite -and $null -eq $Azurite.Reason -and $null -ne $Azurite.Process) { return $false }
    Set-ItResult -Skipped -Because "it needs azurite: $(if ($Azurite) { $Azurite.Reason } else { 'Start-TestAzurite was not called' })"
    $true
}

# An account SAS made with the account key (the string to sign of service version 2020-12-06 and later).
function New-TestAzuriteSas {
    param(
        [Parameter(Mandatory)] $Azurite,
        [string] $Permissions = 'rl',
        [string] $ResourceTypes = 'sco',
        [DateTimeOffset] $Expiry = [DateTimeOffset]::UtcNow.AddHours(1),
        [string] $Key = $Azurite.AccountKey
    )
    $version = '2021-08-06'
    $expires = $Expiry.UtcDateTime.ToString('yyyy-MM-ddTHH:mm:ssZ')
    $toSign = "$($Azurite.AccountName)`n$Permissions`nb`n$ResourceTypes`n`n$expires`n`nhttps,http`n$version`n`n"
    $hmac = [Security.Cryptography.HMACSHA256]::new([Convert]::FromBase64String($Key))
    try { $signature = [Convert]::ToBase64String($hmac.ComputeHash([Text.Encoding]::UTF8.GetBytes($toSign))) } finally { $hmac.Dispose() }
    "sv=$version&ss=b&srt=$ResourceTypes&sp=$Permissions&se=$([uri]::EscapeDataString($expires))&spr=https,http&sig=$([uri]::EscapeDataString($signature))"
}

function New-TestAzuriteContainer([Parameter(Mandatory)] $Azurite, [Parameter(Mandatory)][string] $Name) {
    $sas = New-TestAzuriteSas $Azurite -Permissions 'rwdlc'
    Invoke-WebRequest -Method Put -Uri "$($Azurite.BlobEndpoint)/$Name`?restype=container&$sas" | Out-Null
    "$($Azurite.BlobEndpoint)/$Name"
}

# Uploads a local file as a block blob; returns the blob's URL (without a SAS).
function Set-TestAzuriteBlob([Parameter(Mandatory)] $Azurite, [Parameter(Mandatory)][string] $Container, [Parameter(Mandatory)][string] $Name, [Parameter(Mandatory)][string] $Path) {
    $sas = New-TestAzuriteSas $Azurite -Permissions 'rwdlc'
    $url = "$($Azurite.BlobEndpoint)/$Container/$Name"
    Invoke-WebRequest -Method Put -Uri "$url`?$sas" -InFile $Path -Headers @{ 'x-ms-blob-type' = 'BlockBlob' } -ContentType 'text/csv' | Out-Null
    $url
}

# A loopback TCP proxy in front of a port that cuts one connection once, after it has passed a number of response
# bytes (or, with -Stall, stops passing anything on it until disposed), and notes each request's method, path (never
# the query, where a SAS is), x-ms-range and If-Match headers.
$script:CutProxySource = @'
using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

public sealed class TestCutProxy : IDisposable
{
    private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
    private readonly int _target;
    private readonly long _cutAfter;
    private readonly bool _stall;
    private readonly CancellationTokenSource _stopped = new CancellationTokenSource();
    private int _cuts;

    public TestCutProxy(int targetPort, long cutAfterBytes, bool stall)
    {
        _target = targetPort;
        _cutAfter = cutAfterBytes;
        _stall = stall;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptAsync();
    }

    public int Port { get; }

    public int Cuts => Volatile.Read(ref _cuts);

    public ConcurrentQueue<string> Requests { get; } = new ConcurrentQueue<string>();

    private async Task AcceptAsync()
    {
        while (true)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(); }
            catch (Exception) { return; }
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var server = new TcpClient();
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, _target);
            Task up = PumpAsync(client, server, true);
            Task down = PumpAsync(server, client, false);
            await Task.WhenAny(up, down);
        }
        catch (Exception) { }
        finally
        {
            client.Close();
            server.Close();
        }
    }

    private async Task PumpAsync(TcpClient from, TcpClient to, bool requests)
    {
        var buffer = new byte[16384];
        var heads = new StringBuilder();
        long passed = 0;
        NetworkStream input = from.GetStream(), output = to.GetStream();
        int read;
        while ((read = await input.ReadAsync(buffer, 0, buffer.Length)) > 0)
        {
            if (requests)
            {
                heads.Append(Encoding.ASCII.GetString(buffer, 0, read));
                int end;
                while ((end = heads.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal)) >= 0)
                {
                    string head = heads.ToString(0, end);
                    heads.Remove(0, end + 4);
                    Match line = Regex.Match(head, @"^(\S+) ([^?\s]*)");
                    Match range = Regex.Match(head, @"(?im)^x-ms-range:\s*(\S+)");
                    Match ifMatch = Regex.Match(head, @"(?im)^if-match:\s*(\S+)");
                    Requests.Enqueue(line.Groups[1].Value + " " + line.Groups[2].Value + (range.Success ? " " + range.Groups[1].Value : "") +
                        (ifMatch.Success ? " If-Match " + ifMatch.Groups[1].Value : ""));
                }
            }
            else if (passed + read > _cutAfter && Interlocked.CompareExchange(ref _cuts, 1, 0) == 0)
            {
                await output.WriteAsync(buffer, 0, (int)(_cutAfter - passed));
                if (_stall)
                {
                    try { await Task.Delay(Timeout.Infinite, _stopped.Token); } catch (OperationCanceledException) { }
                }
                to.Client.LingerState = new LingerOption(true, 0);
                return;
            }
            passed += read;
            await output.WriteAsync(buffer, 0, read);
        }
    }

    public void Dispose()
    {
        _stopped.Cancel();
        _listener.Stop();
    }
}
'@

# Throws when the text shows the SAS's signature in any form: decoded, as a URL carries it (%2F, %3D), or as 'sig='.
function Assert-NoSasSignature([AllowNull()][AllowEmptyCollection()][object[]] $Text, [Parameter(Mandatory)][string[]] $Sas) {
    $all = @($Text | ForEach-Object { "$_" }) -join "`n"
    foreach ($token in $Sas) {
        $encoded = @($token.TrimStart('?') -split '&' | Where-Object { $_ -like 'sig=*' })
        if ($encoded.Count -ne 1 -or $encoded[0].Length -le 4) { throw "The SAS has no signature to look for." }
        $encoded = $encoded[0].Substring(4)
        foreach ($form in @{ decoded = [uri]::UnescapeDataString($encoded); encoded = $encoded; parameter = 'sig=' }.GetEnumerator()) {
            if ($all.Contains($form.Value, [StringComparison]::OrdinalIgnoreCase)) { throw "The text shows the SAS signature ($($form.Key))." }
        }
    }
}

function Start-TestCutProxy([Parameter(Mandatory)][int] $TargetPort, [Parameter(Mandatory)][long] $CutAfterBytes, [switch] $Stall) {
    if (-not ('TestCutProxy' -as [type])) { Add-Type -TypeDefinition $script:CutProxySource }
    [TestCutProxy]::new($TargetPort, $CutAfterBytes, $Stall.IsPresent)
}

Export-ModuleMember -Function Start-TestAzurite, Stop-TestAzurite, Skip-WithoutAzurite, New-TestAzuriteSas, New-TestAzuriteContainer, Set-TestAzuriteBlob, Get-FreeTcpPort, Start-TestCutProxy, Assert-NoSasSignature
