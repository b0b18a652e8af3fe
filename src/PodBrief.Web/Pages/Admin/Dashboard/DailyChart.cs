namespace PodBrief.Web.Pages.Admin.Dashboard;

/// <summary>One stacked series of a chart: a value per day (or per category).</summary>
public sealed record ChartSeries(string Name, string Color, IReadOnlyList<double> Values);

/// <summary>A stacked bar chart over labelled columns (days, or the categories of "feed health now").</summary>
public sealed record BarChart(string Id, string Title, string Unit, IReadOnlyList<string> Labels, IReadOnlyList<ChartSeries> Series)
{
    public double Total => Series.Sum(s => s.Values.Sum());

    public double ColumnTotal(int column) => Series.Sum(s => s.Values[column]);
}

/// <summary>Colours that stay distinguishable with the common colour-vision deficiencies (Okabe–Ito palette).</summary>
public static class ChartColors
{
    public const string Blue = "#0072B2";
    public const string Vermillion = "#D55E00";
    public const string Orange = "#E69F00";
    public const string Green = "#009E73";
    public const string Purple = "#CC79A7";
    public const string Sky = "#56B4E9";
    public const string Grey = "#767676";

    public static readonly string[] Cycle = [Blue, Orange, Green, Purple, Sky, Vermillion, Grey];
}
