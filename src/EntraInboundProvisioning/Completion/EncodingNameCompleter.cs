using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using EntraInboundProvisioning.Engine.Csv;

namespace EntraInboundProvisioning.Completion;

public sealed class EncodingNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        HrCsvEncoding.Names
            .Where(n => n.StartsWith(wordToComplete, StringComparison.OrdinalIgnoreCase))
            .Select(n => new CompletionResult(n));
}
