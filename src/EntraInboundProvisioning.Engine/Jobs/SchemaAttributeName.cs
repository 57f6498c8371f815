using System.Text.RegularExpressions;

namespace EntraInboundProvisioning.Engine.Jobs;

/// <summary>
/// The names the service takes for a custom attribute, urn:...:User:Name: a namespace without spaces or quotes and
/// a name of letters, digits, '_' and '-' (CSV2SCIM copied header cells as they were, quotes and spaces included).
/// </summary>
public static partial class SchemaAttributeName
{
    /// <summary>Null when the service takes the name; else what is wrong with it.</summary>
    public static string? Problem(string urn, string name) => NamespaceProblem(urn) ?? NameProblem(name);

    /// <summary>Null when the service takes the namespace (urn:...:User); else what is wrong with it.</summary>
    public static string? NamespaceProblem(string urn) => Urn().IsMatch(urn)
        ? null
        : $"The namespace '{urn}' is not a URN the service takes: it must start with 'urn:' and have no spaces or quotes " +
            "(for example urn:ietf:params:scim:schemas:extension:contoso:1.0:User).";

    /// <summary>Null when the service takes the attribute name; else what is wrong with it.</summary>
    public static string? NameProblem(string name) => Name().IsMatch(name)
        ? null
        : $"The attribute name '{name}' is not one the service takes: use letters, digits, '_' or '-', starting with a letter, with no spaces or quotes.";

    [GeneratedRegex(@"^urn:[A-Za-z0-9][^\s'""]*[A-Za-z0-9]$")]
    private static partial Regex Urn();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_\-]*$")]
    private static partial Regex Name();
}
