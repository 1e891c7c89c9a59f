using BenchmarkDotNet.Attributes;
using MathNet.Numerics.Distributions;
using PortfolioMargin.Pricing;
using PortfolioMargin.Pricing.Kernels;

namespace PortfolioMargin.Benchmarks.Kernels.Pricing;

/// <summary>
/// Batch Black-76 pricing of 1M options on three input shapes (<see cref="OptionMix"/>: the original friendly mix, a
/// wide mix with expiries from one minute to five years, and a same-day mix). Targets (issue 19): the public
/// <see cref="Black76Batch.Price"/> ≥ 50 M options/s per core on the wide mix and ≥ 4.5× the scalar twin on every mix;
/// price + delta ≤ 1.2× price alone; 0 B allocated per call. All figures are ratios against the scalar twin in the
/// same run and the same mix.
/// </summary>
[MemoryDiagnoser]
public class Black76BatchBenchmarks
{
    private double[] _f = [], _k = [], _v = [], _t = [], _r = [], _w = [], _price = [], _delta = [];

    /// <summary>Number of options per call.</summary>
    [Params(1_000_000)]
    public int N { get; set; }

    /// <summary>The input shape.</summary>
    [Params(OptionMix.Friendly, OptionMix.Wide, OptionMix.SameDay)]
    public OptionMix Mix { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_f, _k, _v, _t, _r, _w) = OptionMixes.Generate(Mix, N);
        _price = new double[N];
        _delta = new double[N];
    }

    [Benchmark(Baseline = true, Description = "Scalar twin (price)")]
    public double ScalarTwin()
    {
        Black76Kernel.RunScalar(_f, _k, _v, _t, _r, _w, _price, default);
        return _price[^1];
    }

    [Benchmark(Description = "Vectorized kernel (price)")]
    public double Vectorized()
    {
        Black76Kernel.Run(_f, _k, _v, _t, _r, _w, _price, default);
        return _price[^1];
    }

    [Benchmark(Description = "Public Black76Batch.Price (validates, then the kernel)")]
    public double PublicPrice()
    {
        Black76Batch.Price(_f, _k, _v, _t, _r, _w, _price);
        return _price[^1];
    }

    [Benchmark(Description = "Public Black76Batch.PriceAndDelta")]
    public double PublicPriceAndDelta()
    {
        Black76Batch.PriceAndDelta(_f, _k, _v, _t, _r, _w, _price, _delta);
        return _price[^1] + _delta[^1];
    }

    [Benchmark(Description = "Vectorized kernel (price + delta)")]
    public double VectorizedWithDelta()
    {
        Black76Kernel.Run(_f, _k, _v, _t, _r, _w, _price, _delta);
        return _price[^1] + _delta[^1];
    }

    [Benchmark(Description = "Loop over MathNet Normal.CDF (price)")]
    public double MathNetLoop()
    {
        for (int i = 0; i < _f.Length; i++)
        {
            double t = _t[i], s = _v[i] * Math.Sqrt(t), w = _w[i];
            double d1 = (Math.Log(_f[i] / _k[i]) + (0.5 * s * s)) / s;
            double d2 = d1 - s;
            _price[i] = Math.Exp(-_r[i] * t) * w * ((_f[i] * Normal.CDF(0, 1, w * d1)) - (_k[i] * Normal.CDF(0, 1, w * d2)));
        }

        return _price[^1];
    }
}

/// <summary>The vectorized normal CDF over 1M arguments uniform in [−Range, Range] against its scalar twin.</summary>
[MemoryDiagnoser]
public class NormalCdfBenchmarks
{
    private double[] _x = [], _y = [];

    /// <summary>Half-width of the argument range: 6 (the body), 40 (past both tails).</summary>
    [Params(6.0, 40.0)]
    public double Range { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(7);
        _x = new double[1_000_000];
        _y = new double[_x.Length];
        for (int i = 0; i < _x.Length; i++)
        {
            _x[i] = (rng.NextDouble() - 0.5) * 2 * Range;
        }
    }

    [Benchmark(Baseline = true, Description = "Scalar twin")]
    public double Scalar()
    {
        NormalCdfKernel.ApplyScalar(_x, _y);
        return _y[^1];
    }

    [Benchmark(Description = "Vectorized")]
    public double Vectorized()
    {
        NormalCdfKernel.Apply(_x, _y);
        return _y[^1];
    }
}
