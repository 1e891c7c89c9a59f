using BenchmarkDotNet.Attributes;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models.VaR;
using PortfolioMargin.Models;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Benchmarks.Models.VaR;

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

    /// <summary>The five factors of <see cref="RealTimeBooks"/>: annual vols 60 %–110 % (365-day year), all correlations 0.6.</summary>
    internal static VaRFactors Factors()
    {
        string[] symbols = RealTimeBooks.Symbols;
        var correlation = new double[symbols.Length, symbols.Length];
        for (int i = 0; i < symbols.Length; i++)
        {
            for (int j = 0; j < symbols.Length; j++)
            {
                correlation[i, j] = i == j ? 1.0 : 0.6;
            }
        }

        return VaRFactors.Create(symbols, [0.60, 0.75, 0.95, 0.90, 1.10], correlation, VolatilityUnit.Annual, 365);
    }

    [GlobalSetup]
    public void Setup()
    {
        _market = RealTimeBooks.Market();
        _model = new DeltaNormalVaR(Factors());
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

/// <summary>
/// The same one-order pre-trade check for the delta-gamma Cornish–Fisher VaR: the incremental what-if
/// (<see cref="DeltaGammaWhatIf"/>, keeps the per-factor <c>e</c> and <c>g</c> and recomputes the moments over the 5 held
/// factors) against recomputing <c>book + order</c> (baseline: resolve, delta and gamma of every position, moments,
/// gradient, contributions). Same book, factors and order as <see cref="VaRWhatIfBenchmarks"/>.
/// Target: ≥ 100× faster, nothing allocated beyond the result.
/// </summary>
[MemoryDiagnoser]
public class DeltaGammaVaRWhatIfBenchmarks
{
    private DeltaGammaVaR _model = null!;
    private DeltaGammaWhatIf _calculator = null!;
    private Portfolio _bookPlusOrder = null!;
    private Position[] _order = null!;
    private MarketSnapshot _market = null!;

    [GlobalSetup]
    public void Setup()
    {
        _market = RealTimeBooks.Market();
        _model = new DeltaGammaVaR(VaRWhatIfBenchmarks.Factors());
        Portfolio book = RealTimeBooks.Book(1_000);
        _calculator = _model.CreateWhatIf(ResolvedPortfolio.Resolve(book, _market));
        _order = [RealTimeBooks.RandomPosition(new Random(99), 0)];
        _bookPlusOrder = book.Add(_order);
    }

    [Benchmark(Baseline = true, Description = "Delta-gamma VaR: full recomputation of book + order")]
    public double Full() => _model.Calculate(ResolvedPortfolio.Resolve(_bookPlusOrder, _market)).InitialMargin;

    [Benchmark(Description = "Delta-gamma VaR: incremental what-if (one order)")]
    public WhatIfResult WhatIf() => _calculator.WhatIf(_order);
}
