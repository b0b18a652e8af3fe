using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace PodBrief.Web.Pages.Admin.Dashboard;

/// <summary>
/// Renders a <see cref="BarChart"/> as inline SVG on the server: no script (the CSP allows none inline) and no chart
/// library to keep up to date. Colours are SVG presentation attributes, which the CSP's style-src does not govern.
/// Every label is HTML-encoded; the page puts the same numbers in a table beside it for screen readers.
/// </summary>
public static class SvgBarChart
{
    private const int Width = 720;
    private const int Height = 220;
    private const int Left = 48;
    private const int Right = 8;
    private const int Top = 12;
    private const int Bottom = 28;

    public static IHtmlContent Render(BarChart chart)
    {
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var max = NiceCeiling(Enumerable.Range(0, chart.Labels.Count).Select(chart.ColumnTotal).DefaultIfEmpty(0).Max());
        var slot = chart.Labels.Count == 0 ? plotWidth : (double)plotWidth / chart.Labels.Count;
        var barWidth = Math.Max(1, slot * 0.72);
        var titleId = chart.Id + "-title";

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" id=\"{E(chart.Id)}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"{E(titleId)}\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{E(titleId)}\">{E(chart.Title)}: {E(Format(chart.Total))} {E(chart.Unit)} in total</title>");
        // Horizontal grid lines with their values.
        for (var i = 0; i <= 4; i++)
        {
            var value = max * i / 4;
            var y = Top + plotHeight - (plotHeight * i / 4.0);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\" stroke=\"#d0d0d0\" stroke-width=\"1\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\" font-size=\"11\" fill=\"#333333\">{E(Format(value))}</text>");
        }
        for (var column = 0; column < chart.Labels.Count; column++)
        {
            var x = Left + (column * slot) + ((slot - barWidth) / 2);
            var stacked = 0.0;
            foreach (var series in chart.Series)
            {
                var value = series.Values[column];
                if (value <= 0 || max <= 0)
                {
                    continue;
                }
                var h = plotHeight * value / max;
                var y = Top + plotHeight - (plotHeight * stacked / max) - h;
                svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar\" x=\"{x:0.##}\" y=\"{y:0.##}\" width=\"{barWidth:0.##}\" height=\"{h:0.##}\" fill=\"{E(series.Color)}\" data-series=\"{E(series.Name)}\" data-label=\"{E(chart.Labels[column])}\" data-value=\"{E(Format(value))}\">");
                svg.Append(CultureInfo.InvariantCulture, $"<title>{E(chart.Labels[column])}: {E(Format(value))} {E(series.Name)}</title></rect>");
                stacked += value;
            }
            if (LabelEvery(chart.Labels.Count) is var every && (column % every == 0 || column == chart.Labels.Count - 1))
            {
                var cx = Left + (column * slot) + (slot / 2);
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{cx:0.#}\" y=\"{Height - 10}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#333333\">{E(chart.Labels[column])}</text>");
            }
        }
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Top + plotHeight}\" y2=\"{Top + plotHeight}\" stroke=\"#333333\" stroke-width=\"1\"/>");
        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    /// <summary>A small square in a series' colour, for the legend (HTML around it cannot carry inline styles).</summary>
    public static IHtmlContent Swatch(string color) =>
        new HtmlString($"<svg class=\"swatch\" width=\"12\" height=\"12\" viewBox=\"0 0 12 12\" aria-hidden=\"true\" focusable=\"false\"><rect width=\"12\" height=\"12\" fill=\"{E(color)}\"/></svg>");

    public static string Format(double value) =>
        value == Math.Floor(value) ? value.ToString("N0", CultureInfo.InvariantCulture)
        : value < 1 ? value.ToString("0.####", CultureInfo.InvariantCulture) : value.ToString("N2", CultureInfo.InvariantCulture);

    private static int LabelEvery(int columns) => columns <= 8 ? 1 : columns <= 16 ? 2 : 5;

    /// <summary>1, 2 or 5 times a power of ten at or above the largest column, so the grid lines read easily.</summary>
    internal static double NiceCeiling(double value)
    {
        if (value <= 0)
        {
            return 1;
        }
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1.0, 2.0, 5.0, 10.0 })
        {
            if (step * magnitude >= value)
            {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
