using System.Management.Automation;

namespace EntraInboundProvisioning.Mapping;

/// <summary>
/// A steppable ForEach-Object pipeline that runs a process block with $_ bound to each input, begun on first use.
/// A pipeline that threw is not trusted with the next input: it is closed, and a new one begins next time.
/// </summary>
internal sealed class ForEachPipeline(ScriptBlock process) : IDisposable
{
    private static readonly ScriptBlock Runner = ScriptBlock.Create("param($Process) Microsoft.PowerShell.Core\\ForEach-Object -Process $Process");

    private SteppablePipeline? _pipeline;

    public Array Process(object input)
    {
        if (_pipeline is null)
        {
            _pipeline = Runner.GetSteppablePipeline(CommandOrigin.Internal, [process]);
            _pipeline.Begin(true);
        }
        try
        {
            return _pipeline.Process(input);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        SteppablePipeline? pipeline = _pipeline;
        _pipeline = null;
        if (pipeline is null)
        {
            return;
        }
        try
        {
            pipeline.End();
        }
        catch (RuntimeException)
        {
        }
        pipeline.Dispose();
    }
}
