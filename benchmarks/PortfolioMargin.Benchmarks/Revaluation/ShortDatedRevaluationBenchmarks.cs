using BenchmarkDotNet.Attributes;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Pricing.Kernels;
using PortfolioMargin.Revaluation;
using PortfolioMargin.Scenarios;

namespace PortfolioMargin.Benchmarks.Revaluation;

/// <summary>
/// Issue 19 §3: the revaluation engine on 10,000 BTC options under 33 scenarios (11 price points × vol up/unchanged/down),
/// on the standard book and on one whose options are half same-day/next-day (<see cref="ExpiryMix"/>), against the
/// bare Black-76 kernel on the same 330,000 evaluations (baseline). Target as for the standard book: ≤ 1.5× the
/// baseline and 0 B allocated; the per-option cost should not depend on the mix.
/// </summary>
[MemoryDiagnoser]
public class ShortDatedRevaluationBenchmarks
{
    private RiskGroup _group = null!;
    private ScenarioSet _set = null!;
    private double[] _pnl = [];
    private double[] _f = [], _k = [], _v = [], _t = [], _r = [], _w = [], _price = [];

    /// <summary>The book's expiries.</summary>
    [Params(ExpiryMix.Standard, ExpiryMix.ShortDated)]
    public ExpiryMix Mix { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var resolved = ResolvedPortfolio.Resolve(ShortDatedBooks.Book(Mix, 10_000), ShortDatedBooks.Market());
        _group = new RiskGroup(resolved, 0);
        _set = new UniformGridParameters(11, 0.10, 0.10, 0.05, 0.05).Build();
        _pnl = new double[_group.Count * _set.Count];

        int n = _group.Count * _set.Count;
        _f = new double[n]; _k = new double[n]; _v = new double[n]; _t = new double[n]; _r = new double[n]; _w = new double[n]; _price = new double[n];
        for (int s = 0; s < _set.Count; s++)
        {
            UnderlyingShock shock = _set.Scenarios[s].ShockFor("BTC");
            for (int j = 0; j < _group.Count; j++)
            {
                int i = (s * _group.Count) + j;
                _f[i] = _group.Forward[j] * (1 + shock.PriceMove);
                _k[i] = _group.Strike[j];
                _v[i] = _group.Vol[j] + shock.VolMove;
                _t[i] = _group.Time[j];
                _r[i] = _group.Rate[j];
                _w[i] = _group.Omega[j];
            }
        }
    }

    [Benchmark(Baseline = true, Description = "Bare Black-76 kernel, 330k evaluations")]
    public double BareKernel()
    {
        Black76Kernel.Run(_f, _k, _v, _t, _r, _w, _price, default);
        return _price[^1];
    }

    [Benchmark(Description = "Scalar twin, 330k evaluations")]
    public double ScalarTwin()
    {
        Black76Kernel.RunScalar(_f, _k, _v, _t, _r, _w, _price, default);
        return _price[^1];
    }

    [Benchmark(Description = "Revaluation engine, 10k options x 33 scenarios")]
    public double Revalue()
    {
        RevaluationEngine.Run(_group, _set, _pnl, out _);
        return _pnl[^1];
    }
}
