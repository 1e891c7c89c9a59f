using BenchmarkDotNet.Attributes;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models.VaR;
using PortfolioMargin.Portfolios;
using PortfolioMargin.RealTime;

namespace PortfolioMargin.Benchmarks.RealTime;

/// <summary>
/// A one-order pre-trade check against a 1,000-position, 5-underlying book (two thirds options): the incremental
/// delta-normal what-if (<see cref="DeltaNormalWhatIf"/>, keeps <c>e</c> and <c>Σe</c>) against recomputing the
/// delta-normal VaR of <c>book + order</c> (baseline: resolve, exposures of every position, <c>Σe</c>, contributions).
/// Target: ≥ 100× faster, nothing allocated beyond the result.
/// </summary>
[MemoryDiagnoser]
public class VaRWhatIfBenchmarks
{
    private DeltaNormalVaR _model = null!;
    private DeltaNormalWhatIf _calculator = null!;
    private Portfolio _bookPlusOrder = null!;
    private Position[] _order = null!;
    private MarketSnapshot _market = null!;

    [GlobalSetup]
    public void Setup()
    {
        _market = RealTimeBooks.Market();
        string[] symbols = RealTimeBooks.Symbols;
        var correlation = new double[symbols.Length, symbols.Length];
        for (int i = 0; i < symbols.Length; i++)
        {
            for (int j = 0; j < symbols.Length; j++)
            {
                correlation[i, j] = i == j ? 1.0 : 0.6;
            }
        }

        _model = new DeltaNormalVaR(VaRFactors.Create(symbols, [0.60, 0.75, 0.95, 0.90, 1.10], correlation, VolatilityUnit.Annual, 365));
        Portfolio book = RealTimeBooks.Book(1_000);
        _calculator = _model.CreateWhatIf(ResolvedPortfolio.Resolve(book, _market));
        _order = [RealTimeBooks.RandomPosition(new Random(99), 0)];
        _bookPlusOrder = book.Add(_order);
    }

    [Benchmark(Baseline = true, Description = "Delta-normal VaR: full recomputation of book + order")]
    public double Full() => _model.Calculate(ResolvedPortfolio.Resolve(_bookPlusOrder, _market)).InitialMargin;

    [Benchmark(Description = "Delta-normal VaR: incremental what-if (one order)")]
    public WhatIfResult WhatIf() => _calculator.WhatIf(_order);
}
