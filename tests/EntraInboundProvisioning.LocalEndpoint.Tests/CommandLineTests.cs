using System.Diagnostics;

namespace EntraInboundProvisioning.LocalEndpoint.Tests;

public class CommandLineTests
{
    [Theory]
    [InlineData("--port", "70000", "--port takes a whole number from 0 to 65535; '70000' is not one.")]
    [InlineData("--port", "abc", "--port takes a whole number from 0 to 65535; 'abc' is not one.")]
    [InlineData("--port", "-1", "--port takes a whole number from 0 to 65535")]
    [InlineData("--delay-ms", "-5", "--delay-ms takes a whole number from 0 to")]
    [InlineData("--slow-ms", "1.5", "--slow-ms takes a whole number from 0 to")]
    [InlineData("--rate-window-ms", "0", "--rate-window-ms takes a whole number from 1 to")]
    [InlineData("--parent-pid", "0", "--parent-pid takes a whole number from 1 to")]
    [InlineData("--drop-rate", "NaN", "--drop-rate takes a share from 0 to 1; 'NaN' is not one.")]
    [InlineData("--hold-rate", "x", "--hold-rate takes a share from 0 to 1")]
    public void ABadValueIsOneLineThatNamesTheOptionAndWhatItTakes(string option, string value, string expected)
    {
        var ex = Assert.Throws<ArgumentException>(() => CommandLine.Parse([option, value]));
        Assert.StartsWith(expected, ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void AMissingValueIsOneLineThatNamesTheOption()
    {
        var ex = Assert.Throws<ArgumentException>(() => CommandLine.Parse(["--port"]));
        Assert.StartsWith("--port needs a value", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Theory]
    [InlineData("70000")]
    [InlineData("abc")]
    public async Task RunOnItsOwnABadPortIsOneLineOnStderrAndExitCode2(string port)
    {
        using Process endpoint = ProcessTests.StartOwnProcess("--port", port);
        Task<string> output = endpoint.StandardOutput.ReadToEndAsync();
        string error = await endpoint.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await endpoint.WaitForExitAsync(deadline.Token);

        Assert.Equal(2, endpoint.ExitCode);
        Assert.Equal($"--port takes a whole number from 0 to 65535; '{port}' is not one.", error.TrimEnd());
        Assert.Equal("", await output);
    }
}
