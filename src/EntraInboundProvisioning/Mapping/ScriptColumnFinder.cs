using System.Management.Automation;
using System.Management.Automation.Language;

namespace EntraInboundProvisioning.Mapping;

/// <summary>
/// Finds the columns a mapping scriptblock reads from its record ($_.Name, $PSItem.Name, $_.'Name', $_['Name']),
/// so that a misspelt one is reported like a misspelt column mapping instead of silently reading $null. Only reads
/// of the record itself count: not method calls, not $_ inside nested scriptblocks, catch, trap or switch bodies
/// (where $_ is something else), and not the members every object has.
/// </summary>
internal static class ScriptColumnFinder
{
    private static readonly HashSet<string> IntrinsicMembers = new(StringComparer.OrdinalIgnoreCase)
    {
        "PSObject", "PSBase", "PSAdapted", "PSExtended", "PSTypeNames", "Count", "Length",
    };

    public static IReadOnlyList<string> Find(ScriptBlock scriptBlock)
    {
        var columns = new List<string>();
        foreach (Ast ast in scriptBlock.Ast.FindAll(_ => true, searchNestedScriptBlocks: false))
        {
            string? column = ast switch
            {
                MemberExpressionAst { Static: false, Member: StringConstantExpressionAst member } read
                    when read is not InvokeMemberExpressionAst && IsRecord(read.Expression) => member.Value,
                IndexExpressionAst { Index: StringConstantExpressionAst index } read when IsRecord(read.Target) => index.Value,
                _ => null,
            };
            if (column is { Length: > 0 } && !IntrinsicMembers.Contains(column) && !columns.Contains(column, StringComparer.OrdinalIgnoreCase)
                && !RebindsRecord(ast, scriptBlock.Ast))
            {
                columns.Add(column);
            }
        }
        return columns;
    }

    private static bool IsRecord(ExpressionAst expression) =>
        expression is VariableExpressionAst variable
        && (variable.VariablePath.UserPath == "_" || string.Equals(variable.VariablePath.UserPath, "PSItem", StringComparison.OrdinalIgnoreCase));

    // Inside a catch or trap $_ is the error, inside a switch body the value being switched on.
    private static bool RebindsRecord(Ast ast, Ast root)
    {
        for (Ast? child = ast, parent = ast.Parent; parent is not null && child != root; child = parent, parent = parent.Parent)
        {
            if (parent is CatchClauseAst or TrapStatementAst || (parent is SwitchStatementAst switchStatement && child != switchStatement.Condition))
            {
                return true;
            }
        }
        return false;
    }
}
