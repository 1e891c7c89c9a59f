using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using PortfolioMargin.Models;
using PortfolioMargin.Models.VaR;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Benchmarks.Models.VaR;

/// <summary>
/// Delta-normal VaR with full Euler decomposition (marginal, component, incremental per factor and per position) on
/// a book with one spot position per factor, n = 50, 500, 2000. Baseline: one pass of <c>TensorPrimitives.Dot</c>
/// over the n rows of the covariance matrix (the memory-bound floor of <c>Σe</c>). Target: Decompose ≤ 1.3× at n = 2000.
/// </summary>
[MemoryDiagnoser]
public class DeltaNormalVaRBenchmarks
{
    private ResolvedPortfolio book = null!;
    private DeltaNormalVaR model = null!;
    private double[] covariance = [];
    private double[] exposure = [];

    /// <summary>Number of factors (and positions).</summary>
    [Params(50, 500, 2000)]
    public int N { get; set; }

    /// <summary>Builds the market, factors and book (seeded).</summary>
    [GlobalSetup]
    public void Setup()
    {
        (var market, var u, VaRFactors factors) = VaRBenchmarkBooks.Market(N, 7);
        book = ResolvedPortfolio.Resolve(VaRBenchmarkBooks.SpotBook(u, 3), market);
        model = new DeltaNormalVaR(factors);
        covariance = factors.DailyCovariance.Values.ToArray();
        exposure = VaRExposures.Of(book, factors).FactorDelta.ToArray();
    }

    /// <summary>The floor: <c>Σ_k Dot(Σ_k·, e)</c> over the n covariance rows.</summary>
    /// <returns>The sum of the row products.</returns>
    [Benchmark(Baseline = true)]
    public double DotOverCovarianceRows()
    {
        int n = exposure.Length;
        double s = 0;
        for (int k = 0; k < n; k++)
        {
            s += TensorPrimitives.Dot(covariance.AsSpan(k * n, n), exposure);
        }

        return s;
    }

    /// <summary>Exposure mapping, VaR, ES and the full Euler decomposition per factor and per position.</summary>
    /// <returns>The decomposition.</returns>
    [Benchmark]
    public VaRDecomposition Decompose() => model.Decompose(book);

    /// <summary>The margin model: VaR with per-position contributions and the breakdown tree.</summary>
    /// <returns>The margin result.</returns>
    [Benchmark]
    public MarginResult Calculate() => model.Calculate(book);
}
