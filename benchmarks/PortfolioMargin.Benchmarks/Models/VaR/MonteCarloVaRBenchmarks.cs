using BenchmarkDotNet.Attributes;
using PortfolioMargin.Models;
using PortfolioMargin.Models.VaR;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Benchmarks.Models.VaR;

/// <summary>
/// Monte Carlo full revaluation: 100,000 correlated normal paths on a 50-factor, 500-position book (400 options, linear
/// and inverse; 100 futures and perpetuals). Baseline: the scalar twin of the path loop (scalar Black-76 and loops).
/// Target: vectorized ≥ 3×. Paths/second = 100,000 / mean time.
/// </summary>
[MemoryDiagnoser]
public class MonteCarloVaRBenchmarks
{
    private const int Paths = 100_000;
    private ResolvedPortfolio book = null!;
    private MonteCarloVaR model = null!;
    private double[] losses = [];

    /// <summary>Builds the market, factors and book (seeded).</summary>
    [GlobalSetup]
    public void Setup()
    {
        (var market, var u, VaRFactors factors) = VaRBenchmarkBooks.Market(50, 11);
        book = ResolvedPortfolio.Resolve(VaRBenchmarkBooks.OptionBook(u, market, 500, 5), market);
        model = new MonteCarloVaR(factors, new VaROptions { Confidence = 0.99 }, new MonteCarloOptions { Paths = Paths, Seed = 1 });
        losses = new double[Paths];
    }

    /// <summary>The scalar twin of the path loop: 100,000 path losses.</summary>
    /// <returns>The last path loss.</returns>
    [Benchmark(Baseline = true)]
    public double ScalarPathLoop()
    {
        model.SimulateLosses(book, losses, vectorized: false);
        return losses[^1];
    }

    /// <summary>The vectorized path loop: 100,000 path losses.</summary>
    /// <returns>The last path loss.</returns>
    [Benchmark]
    public double VectorizedPathLoop()
    {
        model.SimulateLosses(book, losses, vectorized: true);
        return losses[^1];
    }

    /// <summary>The whole model: vectorized paths, tail selection and per-position contributions.</summary>
    /// <returns>The margin result.</returns>
    [Benchmark]
    public MarginResult Calculate() => model.Calculate(book);
}
