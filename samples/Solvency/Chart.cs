using System.Globalization;
using PortfolioMargin.Solvency;
using ScottPlot;

namespace Solvency;

/// <summary>Draws margin against realised loss over time, breaches marked, to a PNG (headless, ScottPlot).</summary>
internal static class Chart
{
    public static void Write(string path, BacktestSeries normal, BacktestSeries fatTailed, BacktestSeries grid)
    {
        var plot = new Plot();
        double[] xs = [.. normal.Observations.Select(o => o.Date.ToDateTime(TimeOnly.MinValue).ToOADate())];
        var loss = plot.Add.Scatter(xs, [.. normal.Observations.Select(o => o.Loss)]);
        loss.LegendText = "realised 1-day loss of the book";
        loss.Color = Colors.Gray.WithAlpha(0.7);
        loss.LineWidth = 1;
        loss.MarkerSize = 0;
        Line(plot, xs, grid, "grid (Deribit-style) initial margin", Colors.MediumPurple);
        Line(plot, xs, fatTailed, "Student-t(4) Monte Carlo VaR 99 %", Colors.SeaGreen);
        Line(plot, xs, normal, "delta-normal VaR 99 %", Colors.DodgerBlue);
        Breaches(plot, fatTailed, Colors.DarkOrange, MarkerShape.OpenCircle, 9, "breach of the Student-t VaR");
        Breaches(plot, normal, Colors.Red, MarkerShape.FilledCircle, 5, "breach of the delta-normal VaR");
        var zero = plot.Add.HorizontalLine(0);
        zero.Color = Colors.Black.WithAlpha(0.4);
        zero.LineWidth = 1;
        plot.Axes.DateTimeTicksBottom();
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => v == 0 ? "0" : (v / 1000).ToString("#,0;-#,0", CultureInfo.InvariantCulture) + "k" };
        plot.Title("Unhedged legs of the default book (2 BTC spot, 25 ETH perpetual) re-struck daily, 2016-2020: 99 % 1-day margin vs realised 1-day loss (USD)");
        plot.YLabel("USD");
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, 1600, 800);
    }

    private static void Line(Plot plot, double[] xs, BacktestSeries series, string label, Color color)
    {
        var line = plot.Add.Scatter(xs, [.. series.Observations.Select(o => o.Margin)]);
        line.LegendText = label;
        line.Color = color;
        line.LineWidth = 1.5f;
        line.MarkerSize = 0;
    }

    private static void Breaches(Plot plot, BacktestSeries series, Color color, MarkerShape shape, float size, string label)
    {
        BacktestObservation[] hits = [.. series.Observations.Where(o => o.Breach)];
        double[] x = [.. hits.Select(o => o.Date.ToDateTime(TimeOnly.MinValue).ToOADate())], y = [.. hits.Select(o => o.Loss)];
        var markers = plot.Add.Markers(x, y, shape, size, color);
        markers.LegendText = $"{label} ({hits.Length})";
    }
}
