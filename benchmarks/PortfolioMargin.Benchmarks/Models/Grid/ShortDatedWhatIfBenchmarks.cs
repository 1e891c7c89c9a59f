using BenchmarkDotNet.Attributes;
using PortfolioMargin.Benchmarks.RealTime;
using PortfolioMargin.Benchmarks.Revaluation;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models.Grid;
using PortfolioMargin.Models;
using PortfolioMargin.Portfolios;
using PortfolioMargin.RealTime;

namespace PortfolioMargin.Benchmarks.Models.Grid;

/// <summary>
/// Issue 19 §3: a one-order pre-trade check against a 1,000-position, 5-underlying book, on the standard book and on
/// one whose options are half same-day/next-day (<see cref="ExpiryMix"/>; the order is then a same-day option too):
/// the what-if calculator from the public <see cref="WhatIfCalculator.Create"/> against recomputing the margin of
/// <c>book + order</c> (baseline). Deribit-style grid (33 scenarios per group). Target as for the standard book:
/// ≥ 100× faster, nothing allocated beyond the result.
/// </summary>
[MemoryDiagnoser]
public class ShortDatedWhatIfBenchmarks
{
    private ScenarioGridModel _model = null!;
    private IWhatIfCalculator _calculator = null!;
    private Portfolio _bookPlusOrder = null!;
    private Position[] _order = null!;
    private MarketSnapshot _market = null!;

    /// <summary>The book's expiries.</summary>
    [Params(ExpiryMix.Standard, ExpiryMix.ShortDated)]
    public ExpiryMix Mix { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _market = ShortDatedBooks.RealTimeMarket();
        _model = new ScenarioGridModel(GridPresets.DeribitStyle(RealTimeBooks.Symbols, 1.25));
        Portfolio book = ShortDatedBooks.RealTimeBook(Mix, 1_000);
        _calculator = WhatIfCalculator.Create(_model, ResolvedPortfolio.Resolve(book, _market));
        var rng = new Random(99);
        Position order = RealTimeBooks.RandomPosition(rng, 0);
        while (order.Instrument is not EuropeanOption)
        {
            order = RealTimeBooks.RandomPosition(rng, 0);
        }

        _order = [Mix == ExpiryMix.ShortDated ? ShortDatedBooks.ShortDated(order, _market.Spot(RealTimeBooks.Underlyings[0]), rng) : order];
        _bookPlusOrder = book.Add(_order);
    }

    [Benchmark(Baseline = true, Description = "Full recomputation of book + order")]
    public double Full() => _model.Calculate(ResolvedPortfolio.Resolve(_bookPlusOrder, _market)).InitialMargin;

    [Benchmark(Description = "Incremental what-if (one option order)")]
    public WhatIfResult WhatIf() => _calculator.WhatIf(_order);
}
