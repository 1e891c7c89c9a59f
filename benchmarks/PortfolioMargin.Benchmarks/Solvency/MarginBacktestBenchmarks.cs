using BenchmarkDotNet.Attributes;
using PortfolioMargin.Benchmarks.RealTime;
using PortfolioMargin.Models.Grid;
using PortfolioMargin.Portfolios;
using PortfolioMargin.RealTime;
using PortfolioMargin.Solvency;

namespace PortfolioMargin.Benchmarks.Solvency;

/// <summary>
/// A one-thread back-test of a 20-position, five-underlying book re-struck daily over 500 dates (Deribit-style grid)
/// against the baseline of margining the same book on the same dates (what a daily margin run costs): the ratio is
/// the price of the loss side (a second snapshot and equity per date) and the statistics.
/// </summary>
[MemoryDiagnoser]
public class MarginBacktestBenchmarks
{
    private HistoricalMarket _market = null!;
    private BacktestAccount _account = null!;
    private ScenarioGridModel _model = null!;

    [GlobalSetup]
    public void Setup()
    {
        _market = new HistoricalMarket(SolvencyBooks.History(SolvencyBooks.Ci ? 60 : 531), RealTimeBooks.Underlyings);
        _account = new BacktestAccount("book", PositionPath.Restruck(RealTimeBooks.Book(20), RealTimeBooks.Market()));
        _model = new ScenarioGridModel(GridPresets.DeribitStyle(RealTimeBooks.Symbols, 1.25));
    }

    [Benchmark(Baseline = true, Description = "margin the book on every date, one thread")]
    public double MarginOnly()
    {
        double sum = 0;
        for (int i = _market.FirstUsableIndex; i < _market.Dates.Length - 1; i++)
        {
            Portfolio p = _account.Positions.At(_market.Dates[i], _market.Snapshot(i, Portfolio.Empty));
            sum += AccountCalculator.Calculate(new Account("book", p, []), _model, _market.Snapshot(i, p)).InitialMargin;
        }

        return sum;
    }

    [Benchmark(Description = "back-test: margin, realised loss and statistics per date, one thread")]
    public int Backtest() =>
        MarginBacktest.Run([_account], _market, _model, new BacktestOptions { MaxDegreeOfParallelism = 1 }).Set.Coverage.Breaches;
}
