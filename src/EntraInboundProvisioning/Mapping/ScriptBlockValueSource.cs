using System.Management.Automation;
using EntraInboundProvisioning.Engine.Mapping;

namespace EntraInboundProvisioning.Mapping;

/// <summary>
/// A mapping scriptblock run with $_ bound to the input object. It runs in one steppable ForEach-Object pipeline
/// for the whole run: about four times cheaper per record than ScriptBlock.InvokeWithContext. ForEach-Object would
/// run it in the caller's scope, so it is called with &amp; in a child scope of its own for each record, as CSV2SCIM
/// does: what it assigns (its param() variables too) reaches neither the next record nor the caller. A scriptblock
/// with begin or process blocks gets the record piped in, so that $_ is the record there too.
/// </summary>
internal sealed class ScriptBlockValueSource : IValueSource, IDisposable
{
    private readonly ScriptBlock _scriptBlock;
    private readonly ForEachPipeline _pipeline;

    public ScriptBlockValueSource(ScriptBlock scriptBlock)
    {
        _scriptBlock = Unwrap(scriptBlock);
        _pipeline = new ForEachPipeline(ScriptBlock.Create(
            (_scriptBlock.Ast is System.Management.Automation.Language.ScriptBlockAst { BeginBlock: null, ProcessBlock: null } ? "& {" : "$_ | & {")
            + _scriptBlock + "\n}"));
    }

    public object? GetValue(IWorkerRecord record)
    {
        object input = record is PSWorkerRecord ps ? ps.Input : record;
        Array output = _pipeline.Process(input);
        return output.Length switch
        {
            0 => null,
            1 => PSWorkerRecord.Unwrap(output.GetValue(0)),
            _ => output.Cast<object?>().Select(PSWorkerRecord.Unwrap).ToArray(),
        };
    }

    public string Describe() => "{" + _scriptBlock + "}";

    public void Dispose() => _pipeline.Dispose();

    /// <summary>
    /// A scriptblock that is only a constant ({ 'work' }, { $true }, { 42 }) gives the same value for every record,
    /// so it is evaluated once instead of once per record.
    /// </summary>
    public static bool TryGetConstant(ScriptBlock scriptBlock, out object? value)
    {
        value = null;
        if (Unwrap(scriptBlock).Ast is not System.Management.Automation.Language.ScriptBlockAst
            {
                BeginBlock: null, ProcessBlock: null, ParamBlock: null,
                EndBlock.Statements: [System.Management.Automation.Language.PipelineAst
                {
                    PipelineElements: [System.Management.Automation.Language.CommandExpressionAst { Expression: var expression, Redirections.Count: 0 }],
                }],
            })
        {
            return false;
        }
        switch (expression)
        {
            case System.Management.Automation.Language.StringConstantExpressionAst text:
                value = text.Value;
                return true;
            case System.Management.Automation.Language.ConstantExpressionAst constant:
                value = constant.Value;
                return true;
            case System.Management.Automation.Language.VariableExpressionAst variable when variable.VariablePath.UserPath is "true" or "false" or "null":
                value = variable.VariablePath.UserPath switch { "true" => true, "false" => false, _ => null };
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Import-PowerShellDataFile gives { { 'work' } } for { 'work' }: a scriptblock whose only statement is a
    /// scriptblock. Take the inner one, as CSV2SCIM does by invoking until the result is not a scriptblock.
    /// </summary>
    public static ScriptBlock Unwrap(ScriptBlock scriptBlock)
    {
        while (scriptBlock.Ast is System.Management.Automation.Language.ScriptBlockAst
            {
                BeginBlock: null, ProcessBlock: null, ParamBlock: null,
                EndBlock.Statements: [System.Management.Automation.Language.PipelineAst
                {
                    PipelineElements: [System.Management.Automation.Language.CommandExpressionAst
                    {
                        Expression: System.Management.Automation.Language.ScriptBlockExpressionAst inner,
                    }],
                }],
            })
        {
            scriptBlock = inner.ScriptBlock.GetScriptBlock();
        }
        return scriptBlock;
    }
}
