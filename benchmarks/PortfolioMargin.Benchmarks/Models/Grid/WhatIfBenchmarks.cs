using BenchmarkDotNet.Attributes;
using PortfolioMargin.Models.Grid;
using PortfolioMargin.Models;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Benchmarks.Models.Grid;

/// <summary>
/// A one-order pre-trade check against a 1,000-position, 5-underlying book: the incremental grid what-if against
/// recomputing the margin of <c>book + order</c> (baseline). Target: ≥ 100× faster, nothing allocated beyond the
/// result. Deribit-style grid (33 scenarios per group).
/// </summary>
[MemoryDiagnoser]
public class WhatIfBenchmarks
{
    private ScenarioGridModel _model = null!;
    private GridWhatIf _calculator = null!;
    private Portfolio _bookPlusOrder = null!;
    private Position[] _order = null!;
    private PortfolioMargin.MarketData.MarketSnapshot _market = null!;

    [GlobalSetup]
    public void Setup()
    {
        _market = RealTimeBooks.Market();
        _model = new ScenarioGridModel(GridPresets.DeribitStyle(RealTimeBooks.Symbols, 1.25));
        Portfolio book = RealTimeBooks.Book(1_000);
        _calculator = GridWhatIf.Create(_model, book, _market);
        _order = [RealTimeBooks.RandomPosition(new Random(99), 0)];
        _bookPlusOrder = book.Add(_order);
    }

    [Benchmark(Baseline = true, Description = "Full recomputation of book + order")]
    public double Full() => _model.Calculate(ResolvedPortfolio.Resolve(_bookPlusOrder, _market)).InitialMargin;

    [Benchmark(Description = "Incremental what-if (one order)")]
    public WhatIfResult WhatIf() => _calculator.WhatIf(_order);
}
