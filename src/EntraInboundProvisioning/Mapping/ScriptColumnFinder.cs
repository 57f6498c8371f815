using System.Management.Automation;
using System.Management.Automation.Language;

namespace EntraInboundProvisioning.Mapping;

/// <summary>
/// Finds the columns a mapping scriptblock reads from its record ($_.Name, $PSItem.Name, $_.'Name', $_['Name']),
/// so that a misspelt one is reported like a misspelt column mapping instead of silently reading $null. Only reads
/// of the record itself count: not method calls, not $_ inside nested scriptblocks, catch, trap or switch bodies
/// (where $_ is something else), and not the members every object has.
/// A column is read defensively when the scriptblock is ready for it to be absent: it inspects $_.PSObject, or the
/// read is an alternative of ??, -or or -and, the condition of a ternary, or the whole test of an if or elseif
/// (possibly negated or parenthesized), such as ($_.WorkerStatus ?? $_.Status) or if ($_.WorkerStatus) { ... }.
/// </summary>
internal static class ScriptColumnFinder
{
    private static readonly HashSet<string> IntrinsicMembers = new(StringComparer.OrdinalIgnoreCase)
    {
        "PSObject", "PSBase", "PSAdapted", "PSExtended", "PSTypeNames", "Count", "Length",
    };

    public static (IReadOnlyList<string> Columns, IReadOnlyList<string> Defensive) Find(ScriptBlock scriptBlock)
    {
        var columns = new List<string>();
        var defensive = new List<string>();
        bool inspectsObject = false;
        foreach (Ast ast in scriptBlock.Ast.FindAll(_ => true, searchNestedScriptBlocks: false))
        {
            string? column = ast switch
            {
                MemberExpressionAst { Static: false, Member: StringConstantExpressionAst member } read
                    when read is not InvokeMemberExpressionAst && IsRecord(read.Expression) => member.Value,
                IndexExpressionAst { Index: StringConstantExpressionAst index } read when IsRecord(read.Target) => index.Value,
                _ => null,
            };
            if (column is not { Length: > 0 } || RebindsRecord(ast, scriptBlock.Ast))
            {
                continue;
            }
            if (IntrinsicMembers.Contains(column))
            {
                inspectsObject |= column.Equals("PSObject", StringComparison.OrdinalIgnoreCase);
                continue;
            }
            if (!columns.Contains(column, StringComparer.OrdinalIgnoreCase))
            {
                columns.Add(column);
            }
            if (IsDefensive(ast) && !defensive.Contains(column, StringComparer.OrdinalIgnoreCase))
            {
                defensive.Add(column);
            }
        }
        return (columns, inspectsObject ? columns : defensive);
    }

    private static bool IsDefensive(Ast read)
    {
        Ast child = read;
        Ast? parent = read.Parent;
        while (parent is ParenExpressionAst or ConvertExpressionAst
            or UnaryExpressionAst { TokenKind: TokenKind.Not or TokenKind.Exclaim }
            or CommandExpressionAst or PipelineAst { PipelineElements.Count: 1 })
        {
            child = parent;
            parent = parent.Parent;
        }
        return parent switch
        {
            // ?? and the ternary are PowerShell 7's, newer than the reference assemblies the module is built against.
            BinaryExpressionAst binary => binary.Operator is TokenKind.Or or TokenKind.And || binary.Operator.ToString() == "QuestionQuestion",
            { } other when other.GetType().Name == "TernaryExpressionAst" => other.GetType().GetProperty("Condition")?.GetValue(other) == child,
            IfStatementAst ifStatement => ifStatement.Clauses.Any(c => c.Item1 == child),
            _ => false,
        };
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
