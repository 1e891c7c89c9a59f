using System.Diagnostics;
using System.Globalization;
using PortfolioMargin.Correlation;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models;
using PortfolioMargin.Models.AddOns;
using PortfolioMargin.Models.Grid;
using PortfolioMargin.Models.Isolated;
using PortfolioMargin.Models.VaR;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Serialization;
using PortfolioMargin.Solvency;
using QuickStart;
using Solvency;

// Solvency: does the netted margin keep the venue solvent? Back-tests of margin models on the bundled BTC/ETH history
// 2016-2020 (the default book re-struck daily, and its unhedged legs), a chart of margin against realised loss, and a
// venue-wide stress with Cover-1/Cover-2 against a default fund.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string png = Path.GetFullPath(args.Length > 0 ? args[0] : "solvency-backtest.png");
var clock = Stopwatch.StartNew();

Console.WriteLine("PortfolioMargin solvency: back-testing margin models and stressing a venue");

// 1. The price history: duplicates resolved by a documented opt-in rule, gaps reported.
var csv = PriceHistoryCsvOptions.Default with { Duplicates = DuplicateDateRule.KeepMatchingNextOpen };
PriceHistory history = BundledHistory.Load(csv);
Table.Section("1. Price history (Data/BTC-USD.csv, Data/ETH-USD.csv: Yahoo Finance daily closes)");
Console.WriteLine($"{history}");
foreach (PriceSeries s in history.Series)
{
    Console.WriteLine($"  {s.Symbol}: {s.Duplicates.Length} duplicated dates resolved by KeepMatchingNextOpen (kept lines {string.Join(", ", s.Duplicates.Select(d => d.KeptLine))})");
}

Console.WriteLine($"  Missing days ({history.Gaps.Length}, reported, not filled): {string.Join(", ", history.Gaps.Select(g => g.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))}");
Console.WriteLine("  A loss window that ends on a missing day is skipped (listed); one that spans it is observed from its two ends.");

// 2. The market path and the two books: the whole default book, and its unhedged legs (2 BTC spot, 25 ETH perpetual).
var market = new HistoricalMarket(history, [DefaultBook.Btc, DefaultBook.Eth]);
var book = new BacktestAccount("default-book", PositionPath.Restruck(DefaultBook.Portfolio(), DefaultBook.Market()));
var legs = new BacktestAccount("unhedged-legs", PositionPath.Restruck(
    new Portfolio(DefaultBook.Portfolio().Where(p => p.Instrument is SpotInstrument || (p.Instrument is Perpetual { Inverse: false }))), DefaultBook.Market()));
Console.WriteLine($"Market: {market.Description}");
Console.WriteLine($"Books: {book.Positions.Description}");

// 3. The models: two fixed (isolated, grid) and VaRs recalibrated daily on the 250 returns up to the date.
const int Window = 250;
var var99 = new VaROptions { Confidence = 0.99, HorizonDays = 1 };
var studentT = new MonteCarloOptions { Paths = 2_000, Distribution = ShockDistribution.StudentT, DegreesOfFreedom = 4, Seed = 2024 };
MarginModelSchedule normal = RollingModels.DeltaNormal(market, var99, Window);
var isolated = ("isolated", MarginModelSchedule.Fixed(new IsolatedModel(IsolatedRates.CryptoDefault)));
var grid = ("grid (Deribit-style)", MarginModelSchedule.Fixed(new ScenarioGridModel(GridPresets.DeribitStyle(["BTC", "ETH"], initialToMaintenance: 1.25))));
var historical = ("historical VaR", RollingModels.Historical(market, var99, Window));
var options = new BacktestOptions { HorizonDays = 1, Coverage = 0.99, From = history.Dates[Window] };
var timings = new List<string>();
List<(string Label, BacktestSeries Series)> Run(BacktestAccount account, params (string Label, MarginModelSchedule Schedule)[] models)
{
    var runs = new List<(string, BacktestSeries)>();
    foreach ((string label, MarginModelSchedule schedule) in models)
    {
        var watch = Stopwatch.StartNew();
        runs.Add((label, MarginBacktest.Run([account], market, schedule, options).Set));
        timings.Add($"{account.Id}/{label} {watch.Elapsed.TotalSeconds:0.0} s");
    }

    return runs;
}

List<(string Label, BacktestSeries Series)> whole = Run(book, isolated, grid, ("delta-normal VaR", normal), historical,
    ("delta-normal + long-run floor", LongRunFloor(market, normal, Window)));
List<(string Label, BacktestSeries Series)> outright = Run(legs, isolated, grid, ("delta-normal VaR", normal),
    ("Student-t(4) MC VaR", RollingModels.MonteCarlo(market, var99, studentT, Window)), historical);

string period = $"{options.From:yyyy-MM-dd} to 2020-12-30, 99 % 1-day initial margin vs realised 1-day loss, expected breach rate 1 %";
Print($"2. Back-test of the whole default book (options included), {period}", whole);
Console.WriteLine("  The VaRs shock prices only and value coin-settled (inverse) P&L and option premiums in coins at today's coin price; the"
    + " realised USD loss also has the options' vega (implied vol = the daily EWMA vol) and the coin price's move on those coin amounts."
    + " The grid scans vols and holds; docs/solvency.md separates the two effects.");
Print($"3. Back-test of the default book's unhedged legs (2 BTC spot, 25 ETH perpetual: price risk only), {period}", outright);
Console.WriteLine($"  Skipped dates (loss window ends on a missing day): {string.Join(", ", outright[0].Series.Skipped.Select(s => s.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))}");
Console.WriteLine("  p-values: Kupiec POF (chi2 1), Christoffersen independence (chi2 1) and conditional coverage (chi2 2); zone: Basel traffic light, binomial form for 1,560 observations.");
Console.WriteLine($"  VaR schedules: {normal.Name}; Student-t(4) Monte Carlo, 2,000 paths, and historical simulation on the same 250 trailing returns, full revaluation.");

CoverageStatistics dn = outright[2].Series.Coverage, fat = outright[3].Series.Coverage, hs = outright[4].Series.Coverage;
Console.WriteLine();
Console.WriteLine($"Reading: on price risk alone the delta-normal VaR is breached {dn.Breaches} times where an accurate 99 % model expects"
    + $" {dn.Observations * 0.01:0} (Kupiec p {P(dn.Kupiec.PValue)}, {Zone(dn)}): crypto's daily returns have fatter tails than the normal."
    + $" The Student-t VaR on the same covariance is breached {fat.Breaches} times (Kupiec p {P(fat.Kupiec.PValue)}, {Zone(fat)}), historical"
    + $" simulation {hs.Breaches} times ({Zone(hs)}). Peak-to-trough ratios show how much each margin swings with the market.");

// 4. The chart.
Chart.Write(png, outright[2].Series, outright[3].Series, outright[1].Series);
Console.WriteLine($"Chart of margin vs realised loss of the unhedged legs, breaches marked, written to {png}");

// 5. Venue-wide stress and default resources.
VenueReport.Print(history);
Console.WriteLine();
Console.WriteLine($"Total run time {clock.Elapsed.TotalSeconds:0.0} s (back-tests: {string.Join(", ", timings)}).");

static string Zone(CoverageStatistics c) => c.TrafficLight.Zone.ToString().ToLowerInvariant();

static void Print(string title, List<(string Label, BacktestSeries Series)> runs)
{
    Table.Section(title);
    Table.Print(["model", "breaches", "rate", "Kupiec p", "indep. p", "cond. cov. p", "zone", "avg shortfall", "worst shortfall", "on", "peak/trough", "max 30d rise"],
        runs.Select(r =>
        {
            CoverageStatistics c = r.Series.Coverage;
            ProcyclicalityMeasures p = r.Series.Procyclicality(30);
            return new[]
            {
                r.Label, c.Breaches.ToString(CultureInfo.InvariantCulture), Table.Pct(c.BreachRate), P(c.Kupiec.PValue), P(c.Christoffersen!.Independence.PValue),
                P(c.Christoffersen.ConditionalCoverage.PValue), Zone(c), Table.Num(c.AverageShortfall, 0), Table.Num(c.WorstShortfall, 0),
                c.WorstShortfallDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-",
                p.PeakToTrough is { } ratio ? ratio.ToString("0.0", CultureInfo.InvariantCulture) : "n/a", Table.Pct(p.LargestRelativeIncrease),
            };
        }));
}

static string P(double p) => p < 1e-4 ? p.ToString("0.0E+0", CultureInfo.InvariantCulture) : p.ToString("0.0000", CultureInfo.InvariantCulture);

// The delta-normal VaR with EMIR's long-run floor (Art. 28(1)(c)): the same VaR on the sample covariance of every
// return from the start of the history to the date (five years at most here, ten in EMIR).
static MarginModelSchedule LongRunFloor(HistoricalMarket market, MarginModelSchedule current, int window) =>
    MarginModelSchedule.Create("DeltaNormalVaR + EMIR Art. 28(1)(c) floor at the full-history volatility", day =>
    {
        double[,] all = market.History.RelativeReturns(["BTC", "ETH"], day.Index, day.Index);
        var longRun = VaRFactors.FromCovariance(CovarianceEstimator.Sample(["BTC", "ETH"], all));
        return ((DeltaNormalVaR)current.ModelOn(day)).WithAntiProcyclicality(new AntiProcyclicality(), longRunFactors: longRun);
    }, window);
