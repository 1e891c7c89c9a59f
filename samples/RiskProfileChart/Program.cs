using System.Globalization;
using PortfolioMargin.Correlation;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models;
using PortfolioMargin.Models.Grid;
using PortfolioMargin.Models.Isolated;
using PortfolioMargin.Models.VaR;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Revaluation;
using PortfolioMargin.Scenarios;
using QuickStart;
using ScottPlot;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

string path = Path.GetFullPath(args.Length > 0 ? args[0] : "risk-profile.png");
MarketSnapshot market = DefaultBook.Market();
var book = DefaultBook.Portfolio();
var resolved = ResolvedPortfolio.Resolve(book, market);

Console.WriteLine("PortfolioMargin risk-profile chart: the QuickStart default book (BTC/ETH spot, perpetuals, futures, options)");
Console.WriteLine("P&L and margin per model when BTC and ETH move together by -30 % ... +30 %.");

// P&L: one uniform scenario per move (every underlying's spot and forwards x (1 + move), vols unchanged), revalued
// in one pass by the risk engine.
double[] moves = [.. Enumerable.Range(-12, 25).Select(i => i * 0.025)];
var scenarios = new ScenarioSet("uniform price moves",
    moves.Select(m => Scenario.Uniform(Id(m), $"all prices {m:+0.0%;-0.0%;0.0%}", new UnderlyingShock(m))));
RiskArrays arrays = RiskArrays.Compute(resolved, scenarios);
double[] pnl = new double[moves.Length];
for (int p = 0; p < resolved.Count; p++)
{
    ReadOnlySpan<double> row = arrays.Position(p);
    for (int s = 0; s < moves.Length; s++)
    {
        pnl[s] += row[s];
    }
}

// Margin: each model re-run on the book at the shifted market (spot and every forward moved; vol smiles kept by strike).
var isolated = new IsolatedModel(IsolatedRates.CryptoDefault);
var grid = new ScenarioGridModel(GridPresets.DeribitStyle(["BTC", "ETH"], initialToMaintenance: 1.25));
var correlation = new CorrelationMatrix(["BTC", "ETH"], new[,] { { 1.0, 0.82 }, { 0.82, 1.0 } });
var var99 = new DeltaNormalVaR(VaRFactors.Create(correlation, [0.55, 0.70], VolatilityUnit.Annual, daysPerYear: 365),
    new VaROptions { Confidence = 0.99, HorizonDays = 1 });
IMarginModel[] models = [isolated, grid, var99];
string[] modelLabels = ["isolated", "scenario grid (Deribit-style)", "delta-normal VaR 99 % 1d"];
double[][] margin = [.. models.Select(_ => new double[moves.Length])];
for (int s = 0; s < moves.Length; s++)
{
    var shifted = ResolvedPortfolio.Resolve(book, Shift(market, moves[s]));
    for (int m = 0; m < models.Length; m++)
    {
        margin[m][s] = models[m].Calculate(shifted).InitialMargin;
    }
}

Table.Section("P&L and initial margin (USD) by uniform move of BTC and ETH prices");
Table.Print(["move", "P&L", "isolated IM", "grid IM", "VaR IM"],
    moves.Select((m, s) => new[] { m.ToString("+0.0%;-0.0%;0.0%", CultureInfo.InvariantCulture), Table.Num(pnl[s], 0), Table.Num(margin[0][s], 0), Table.Num(margin[1][s], 0), Table.Num(margin[2][s], 0) }));
int worst = Array.IndexOf(pnl, pnl.Min());
int now = Array.IndexOf(moves, 0.0);
Console.WriteLine($"Worst P&L on this range: {pnl[worst]:N0} USD at {moves[worst]:+0.0%;-0.0%}. Initial margin at today's prices:"
    + $" isolated {margin[0][now]:N0}, grid {margin[1][now]:N0}, VaR {margin[2][now]:N0} USD.");
int uncovered = pnl.Count(v => -v > margin[1][now]);
Console.WriteLine(uncovered == 0
    ? "Today's grid margin covers the loss at every move on this range (the book is hedged: spot against perpetuals, covered calls, protective puts)."
    : $"Today's grid margin falls short of the loss at {uncovered} of {moves.Length} moves on this range (the grid scans only +-10 %).");

// The chart.
var plot = new Plot();
double[] xs = [.. moves.Select(m => m * 100)];
var pnlLine = plot.Add.Scatter(xs, pnl);
pnlLine.LegendText = "P&L of the book";
pnlLine.LineWidth = 3;
pnlLine.MarkerSize = 0;
pnlLine.Color = Colors.Black;
Color[] palette = [Colors.OrangeRed, Colors.DodgerBlue, Colors.SeaGreen];
for (int m = 0; m < models.Length; m++)
{
    var line = plot.Add.Scatter(xs, margin[m]);
    line.LegendText = $"initial margin: {modelLabels[m]}";
    line.LineWidth = 2;
    line.MarkerSize = 5;
    line.Color = palette[m];
}

var zero = plot.Add.HorizontalLine(0);
zero.Color = Colors.Gray;
zero.LineWidth = 1;
var today = plot.Add.VerticalLine(0);
today.Color = Colors.Gray;
today.LinePattern = LinePattern.Dashed;
today.LineWidth = 1;
var scan = plot.Add.HorizontalSpan(-10, 10);
scan.FillStyle.Color = Colors.DodgerBlue.WithAlpha(0.06);
scan.LineStyle.Width = 0;
scan.LegendText = "grid scan range +-10 %";

plot.Title("Default BTC/ETH book: P&L and initial margin across uniform price moves");
plot.XLabel("BTC and ETH price move (%)");
plot.YLabel("USD");
plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => v.ToString("+0;-0;0", CultureInfo.InvariantCulture) + " %" };
plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => v == 0 ? "0" : (v / 1000).ToString("#,0;-#,0", CultureInfo.InvariantCulture) + "k" };
plot.ShowLegend(Alignment.UpperLeft);
plot.SavePng(path, 1200, 720);
Console.WriteLine();
Console.WriteLine($"Chart written to {path}");

static string Id(double move) => "M" + (move * 100).ToString("+00.0;-00.0;000.0", CultureInfo.InvariantCulture);

static MarketSnapshot Shift(MarketSnapshot market, double move)
{
    double f = 1 + move;
    MarketSnapshot shifted = market;
    foreach (var u in new[] { DefaultBook.Btc, DefaultBook.Eth })
    {
        shifted = shifted.WithSpot(u, market.Spot(u) * f)
            .WithForward(u, DefaultBook.Dec, market.Forward(u, DefaultBook.Dec) * f)
            .WithForward(u, DefaultBook.Mar, market.Forward(u, DefaultBook.Mar) * f);
    }

    return shifted;
}
