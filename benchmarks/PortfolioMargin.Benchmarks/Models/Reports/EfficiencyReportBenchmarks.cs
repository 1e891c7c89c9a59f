using BenchmarkDotNet.Attributes;
using PortfolioMargin.Models;
using PortfolioMargin.Models.Grid;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Scenarios;

namespace PortfolioMargin.Benchmarks.Models.Reports;

/// <summary>
/// The efficiency report (portfolio margin plus every position's standalone margin, from the same risk arrays)
/// against one portfolio margin run (baseline). Target: ≤ 1.3×. Book: 1,000 options and 200 futures/perpetuals on
/// BTC and ETH, Deribit-style uniform grid.
/// </summary>
[MemoryDiagnoser]
public class EfficiencyReportBenchmarks
{
    private ScenarioGridModel _model = null!;
    private ResolvedPortfolio _book = null!;

    [GlobalSetup]
    public void Setup()
    {
        ScenarioSet grid = new UniformGridParameters(11, 0.10, 0.10, 0.05, 0.05).Build();
        var group = new GridGroupParameters(grid, 1.25, shortOptionMinimumPerUnit: 50, shortOptionContingencyRate: 0.01, offsettingFuturesContingencyRate: 0.01);
        _model = new ScenarioGridModel(new GridParameters("bench", new Dictionary<string, GridGroupParameters> { ["BTC"] = group, ["ETH"] = group }));
        _book = ResolvedPortfolio.Resolve(BenchmarkBooks.Book(1_000, 200, twoUnderlyings: true), BenchmarkBooks.Market());
    }

    [Benchmark(Baseline = true, Description = "Portfolio margin (one run)")]
    public double PortfolioMargin() => _model.Calculate(_book).InitialMargin;

    [Benchmark(Description = "Efficiency report (portfolio + standalone)")]
    public double Report() => EfficiencyReport.Compute(_model, _book).Total.Efficiency;
}
