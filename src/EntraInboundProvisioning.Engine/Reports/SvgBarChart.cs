using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace EntraInboundProvisioning.Engine.Reports;

/// <summary>
/// An inline SVG bar chart with its text alternatives: role="img", a title and a description that lists every value
/// (aria-labelledby), and a title on each bar. The page shows the same values in a table beside it.
/// </summary>
internal static class SvgBarChart
{
    private const int Width = 640;
    private const int Height = 200;
    private const int Left = 64;
    private const int Bottom = 34;
    private const int Top = 24;

    public static void Write(StringBuilder html, HtmlEncoder encoder, string id, string title, string unit, string color,
        IReadOnlyList<(string Label, long Value)> points)
    {
        string E(string text) => encoder.Encode(text);
        string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
        string description = points.Count == 0
            ? "No data yet."
            : string.Join("; ", points.Select(p => $"{p.Label}: {p.Value.ToString("N0", CultureInfo.InvariantCulture)} {unit}")) + ".";
        html.Append(CultureInfo.InvariantCulture,
            $"<svg id=\"{E(id)}\" class=\"chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"{E(id)}-title {E(id)}-desc\" preserveAspectRatio=\"xMidYMid meet\">");
        html.Append($"<title id=\"{E(id)}-title\">{E(title)}</title><desc id=\"{E(id)}-desc\">{E(description)}</desc>");
        long max = Math.Max(1, points.Count == 0 ? 1 : points.Max(p => p.Value));
        double plotHeight = Height - Top - Bottom;
        double plotWidth = Width - Left - 8;
        html.Append(CultureInfo.InvariantCulture,
            $"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - 8}\" y2=\"{Height - Bottom}\" class=\"axis\"/>");
        html.Append(CultureInfo.InvariantCulture,
            $"<text x=\"{Left - 6}\" y=\"{Top + 4}\" text-anchor=\"end\" class=\"tick\">{max.ToString("N0", CultureInfo.InvariantCulture)}</text>");
        html.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{Height - Bottom}\" text-anchor=\"end\" class=\"tick\">0</text>");
        if (points.Count > 0)
        {
            double slot = plotWidth / points.Count;
            double bar = Math.Max(2, slot * 0.7);
            int labelEvery = Math.Max(1, (int)Math.Ceiling(points.Count / 12.0));
            for (int i = 0; i < points.Count; i++)
            {
                (string label, long value) = points[i];
                double h = plotHeight * value / max;
                double x = Left + i * slot + (slot - bar) / 2;
                double y = Height - Bottom - h;
                html.Append($"<rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(bar)}\" height=\"{N(h)}\" fill=\"{E(color)}\" data-value=\"{value}\">");
                html.Append($"<title>{E(label)}: {value.ToString("N0", CultureInfo.InvariantCulture)} {E(unit)}</title></rect>");
                if (points.Count <= 16)
                {
                    html.Append($"<text x=\"{N(x + bar / 2)}\" y=\"{N(y - 4)}\" text-anchor=\"middle\" class=\"val\" aria-hidden=\"true\">{value.ToString("N0", CultureInfo.InvariantCulture)}</text>");
                }
                if (i % labelEvery == 0)
                {
                    html.Append($"<text x=\"{N(x + bar / 2)}\" y=\"{Height - Bottom + 22}\" text-anchor=\"middle\" class=\"tick\">{E(label)}</text>");
                }
            }
        }
        html.Append("</svg>");
    }
}
