using System.Globalization;
using System.Text;

namespace EntraInboundProvisioning.LocalEndpoint.Diagnostics;

/// <summary>
/// Text from a request made safe for one console line: a line break or a terminal escape sequence in a bulkId must not
/// forge log lines or colours, so control and format characters (and line separators) are written as \n or \u001B.
/// </summary>
public static class ConsoleText
{
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            switch (c)
            {
                case '\n': escaped.Append("\\n"); break;
                case '\r': escaped.Append("\\r"); break;
                case '\t': escaped.Append("\\t"); break;
                default:
                    if (char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
                    {
                        escaped.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        escaped.Append(c);
                    }
                    break;
            }
        }
        return escaped.ToString();
    }
}
