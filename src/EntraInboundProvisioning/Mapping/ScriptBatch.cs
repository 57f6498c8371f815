using System.Management.Automation;
using System.Management.Automation.Language;
using System.Text;

namespace EntraInboundProvisioning.Mapping;

/// <summary>
/// Runs the mapping's scriptblocks together: their statements are placed in one generated ForEach-Object process
/// block, so each record costs one pipeline step instead of one per scriptblock. Each record's bodies run in a child
/// scope of their own (&amp; { ... }), as CSV2SCIM runs each scriptblock in a function: $_ and the caller's variables
/// stay readable, but what a body assigns reaches neither the next record nor the caller. A scope per body would
/// also keep one body's variables from the next body of the same record, but costs three times as much per record.
/// A scriptblock that throws fails only its own value.
/// </summary>
internal sealed class ScriptBatch : IDisposable
{
    private readonly List<string> _bodies = [];
    private ForEachPipeline? _pipeline;
    private object? _lastInput;
    private object?[]? _lastValues;

    /// <summary>Whether a scriptblock's statements can stand inside another's process block unchanged.</summary>
    public static bool CanInline(ScriptBlock scriptBlock) =>
        scriptBlock.Ast is ScriptBlockAst { BeginBlock: null, ProcessBlock: null, ParamBlock: null, DynamicParamBlock: null, EndBlock: { Traps: null } end }
        && !end.FindAll(a => a is ReturnStatementAst or ExitStatementAst or BreakStatementAst or ContinueStatementAst
            or TrapStatementAst or FunctionDefinitionAst or UsingStatementAst, searchNestedScriptBlocks: false).Any()
        && end.Statements.Count > 0;

    public int Add(ScriptBlock scriptBlock)
    {
        var end = ((ScriptBlockAst)scriptBlock.Ast).EndBlock;
        _bodies.Add(string.Join(Environment.NewLine, end.Statements.Select(s => s.Extent.Text)));
        return _bodies.Count - 1;
    }

    public object? GetValue(PSObject input, int index)
    {
        if (!ReferenceEquals(input, _lastInput))
        {
            _lastValues = Evaluate(input);
            _lastInput = input;
        }
        return _lastValues![index];
    }

    public void Dispose()
    {
        _pipeline?.Dispose();
        _lastInput = null;
    }

    private object?[] Evaluate(PSObject input)
    {
        _pipeline ??= new ForEachPipeline(ScriptBlock.Create(Script()));
        Array output = _pipeline.Process(input);
        return output.Length == 1 && output.GetValue(0) is PSObject { BaseObject: object?[] values } ? values
            : output.Length == 1 && output.GetValue(0) is object?[] raw ? raw
            : throw new InvalidOperationException("The mapping's scriptblocks gave no result row.");
    }

    private string Script()
    {
        var script = new StringBuilder();
        script.Append("& {\n$__eipValues = [object[]]::new(").Append(_bodies.Count).Append(")\n");
        for (int i = 0; i < _bodies.Count; i++)
        {
            script.Append("try { $__eipValues[").Append(i).Append("] = @(\n").Append(_bodies[i]).Append("\n) } catch { $__eipValues[")
                .Append(i).Append("] = [EntraInboundProvisioning.Mapping.ScriptFailure]::new($_) }\n");
        }
        script.Append(",$__eipValues\n}\n");
        return script.ToString();
    }
}
