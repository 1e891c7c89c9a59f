using BenchmarkDotNet.Attributes;
using PortfolioMargin.Benchmarks.RealTime;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models.Grid;
using PortfolioMargin.Portfolios;
using PortfolioMargin.RealTime;
using PortfolioMargin.Scenarios;
using PortfolioMargin.Solvency;

namespace PortfolioMargin.Benchmarks.Solvency;

/// <summary>
/// Venue-wide stress of 1,000 accounts of 20 positions under 6 scenarios (Deribit-style grid for the margin under
/// stress), one thread, against the baseline of margining the same accounts once (<see cref="BatchMargin"/>, one
/// thread): the ratio is the cost of six stressed revaluations and margins per account, plus the ranking and covers.
/// </summary>
[MemoryDiagnoser]
public class VenueStressBenchmarks
{
    private Account[] _accounts = null!;
    private MarketSnapshot _market = null!;
    private ScenarioGridModel _model = null!;
    private ScenarioSet _scenarios = null!;

    [GlobalSetup]
    public void Setup()
    {
        _market = RealTimeBooks.Market();
        _model = new ScenarioGridModel(GridPresets.DeribitStyle(RealTimeBooks.Symbols, 1.25));
        var rng = new Random(23);
        _accounts = [.. Enumerable.Range(0, SolvencyBooks.Ci ? 20 : 1_000).Select(i => new Account($"acc-{i}",
            new Portfolio(Enumerable.Range(0, 20).Select(_ => RealTimeBooks.RandomPosition(rng, rng.Next(RealTimeBooks.Underlyings.Length)))),
            [new CollateralBalance(Currency.Usd, 200_000), new CollateralBalance(Currency.Btc, 2, 0.05)]))];
        _scenarios = StressScenarios.Set("venue", [.. new[] { -0.4, -0.25, -0.1, 0.1, 0.25, 0.4 }.Select(m =>
            Scenario.Uniform($"M{m * 100:+0;-0}", $"all prices {m:P0}", new UnderlyingShock(m, m < 0 ? 0.5 : 0.2, VolMoveKind.Relative)))]);
    }

    [Benchmark(Baseline = true, Description = "margin every account once, one thread")]
    public int MarginOnce() => BatchMargin.Calculate(_accounts, _model, _market, maxDegreeOfParallelism: 1).Length;

    [Benchmark(Description = "venue stress, 6 scenarios, Cover-2, one thread")]
    public double Stress() =>
        VenueStress.Run(_accounts, _market, _scenarios, _model, new VenueStressOptions { MaxDegreeOfParallelism = 1 }).WorstForFund.Required.Amount;
}
