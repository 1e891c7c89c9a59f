using PortfolioMargin.Pricing.Kernels;
using PortfolioMargin.Simd;
using Xunit;

namespace PortfolioMargin.Tests.Kernels.Pricing;

/// <summary>The Black-76 batch kernel against its scalar twin on every length 0…256 and every vector width.</summary>
[Trait("Category", "Kernel")]
public sealed class Black76KernelTests
{
    [Fact]
    public void Vectorized_price_and_delta_match_scalar_twin_on_every_length_0_to_256()
    {
        for (int n = 0; n <= 256; n++)
        {
            var (f, k, v, t, r, w) = KernelTestData.Options(n, seed: 1000 + n);
            double[] pv = new double[n], dv = new double[n], ps = new double[n], ds = new double[n], po = new double[n];
            Black76Kernel.Run(f, k, v, t, r, w, pv, dv);
            Black76Kernel.RunScalar(f, k, v, t, r, w, ps, ds);
            Black76Kernel.Run(f, k, v, t, r, w, po, default);
            for (int i = 0; i < n; i++)
            {
                double scale = f[i] + k[i];
                Assert.True(KernelTestData.Close(ps[i], pv[i], 1e-13, 1e-13 * scale), $"n={n} i={i}: price scalar {ps[i]:R} vector {pv[i]:R}");
                Assert.True(KernelTestData.Close(ds[i], dv[i], 1e-13, 1e-15), $"n={n} i={i}: delta scalar {ds[i]:R} vector {dv[i]:R}");
                Assert.True(KernelTestData.Close(pv[i], po[i], 1e-14, 1e-14 * scale), $"n={n} i={i}: price-only {po[i]:R} vs price+delta {pv[i]:R}");
                Assert.True(double.IsFinite(pv[i]) && double.IsFinite(dv[i]));
            }
        }
    }

    [Fact]
    public void Each_accelerated_vector_width_matches_scalar_twin()
    {
        var (f, k, v, t, r, w) = KernelTestData.Options(2047, seed: 99);
        Check<V128>(f, k, v, t, r, w);
        Check<V256>(f, k, v, t, r, w);
        Check<V512>(f, k, v, t, r, w);
    }

    [Fact]
    public void Limits_are_intrinsic_and_delta_is_half_at_the_money()
    {
        double[] f = [110, 90, 100, 100], k = [100, 100, 100, 100], v = [0.5, 0.5, 0.0, 0.0], t = [0, -1, 1, 1], r = [0.05, 0.05, 0.0, 0.0], w = [1, -1, 1, -1];
        var p = new double[4];
        var d = new double[4];
        Black76Kernel.Run(f, k, v, t, r, w, p, d);
        Assert.Equal([10.0, 10.0, 0.0, 0.0], p);
        Assert.Equal([1.0, -1.0, 0.5, -0.5], d);
    }

    [Fact]
    public void Drivers_report_an_unrepresentable_result_and_only_then()
    {
        // e^{−rT} = e^{800} overflows; every other option of the batch is representable.
        var (f, k, v, t, r, w) = KernelTestData.Options(67, seed: 5);
        Assert.True(Black76Kernel.Run(f, k, v, t, r, w, new double[67], new double[67]));
        Assert.True(Black76Kernel.RunScalar(f, k, v, t, r, w, new double[67], default));
        foreach (int bad in new[] { 0, 9, 66 })
        {
            double[] rate = [.. r];
            (rate[bad], t[bad], v[bad]) = (-1.0, 800.0, 0.5);
            Assert.False(Black76Kernel.Run(f, k, v, t, rate, w, new double[67], default));
            Assert.False(Black76Kernel.Run(f, k, v, t, rate, w, new double[67], new double[67]));
            Assert.False(Black76Kernel.RunScalar(f, k, v, t, rate, w, new double[67], default));
            Assert.False(Black76Kernel.RunWidth<V128>(f, k, v, t, rate, w, new double[67], default));
        }
    }

    [Fact]
    public void Extreme_ratios_price_to_their_limits_on_every_width()
    {
        // Issue 18 §4: F = 1e200 against K = 1e-200 gave NaN. Deep in the money the price is e^{−rT}(F − K), out of it 0.
        double[] f = [1e200, 1e-200, 1e200, 1e-200, 5e-324, 5e-324, 1e300, 1e300], k = [1e-200, 1e200, 1e-200, 1e200, 100, 100, 1e300, 1e300];
        double[] w = [1, 1, -1, -1, 1, -1, 1, -1], v = [0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 1e150, 1e150];
        double[] t = [2, 2, 2, 2, 2, 2, 1, 1], r = [0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0, 0];
        double df = Math.Exp(-0.1);
        double[] price = [df * 1e200, 0, 0, df * 1e200, 0, df * 100, 1e300, 1e300], delta = [df, 0, 0, -df, 0, -df, 1, 0];
        var paths = new List<(string Name, Func<double[], double[], bool> Run)>
        {
            ("scalar", (p, d) => Black76Kernel.RunScalar(f, k, v, t, r, w, p, d)),
            ("V128", (p, d) => Black76Kernel.RunWidth<V128>(f, k, v, t, r, w, p, d)),
            ("V256", (p, d) => Black76Kernel.RunWidth<V256>(f, k, v, t, r, w, p, d)),
            ("V512", (p, d) => Black76Kernel.RunWidth<V512>(f, k, v, t, r, w, p, d)),
        };
        foreach ((string name, Func<double[], double[], bool> run) in paths)
        {
            double[] p = new double[f.Length], d = new double[f.Length];
            Assert.True(run(p, d), name);
            for (int i = 0; i < f.Length; i++)
            {
                Assert.True(KernelTestData.Close(price[i], p[i], 1e-15), $"{name} #{i}: price {p[i]:R}, expected {price[i]:R}");
                Assert.True(KernelTestData.Close(delta[i], d[i], 1e-15), $"{name} #{i}: delta {d[i]:R}, expected {delta[i]:R}");
            }
        }
    }

    [Fact]
    public void A_subnormal_forward_strike_ratio_is_logged_exactly_on_every_width()
    {
        // F/K = 1e-310 is subnormal; with σ√T = 30, d1 = ln(F/K)/30 + 15 ≈ −8.79 and the call delta Φ(d1) ≈ 7e-19 shows
        // any error in the logarithm at full relative size. Reference: ln F − ln K, both normal.
        const int n = 11;
        double[] f = [.. Enumerable.Repeat(1e-300, n)], k = [.. Enumerable.Repeat(1e10, n)], v = [.. Enumerable.Repeat(30.0, n)];
        double[] t = [.. Enumerable.Repeat(1.0, n)], r = new double[n], w = [.. Enumerable.Repeat(1.0, n)];
        double expected = PortfolioMargin.Pricing.NormalDistribution.Cdf(((Math.Log(1e-300) - Math.Log(1e10)) / 30) + 15);
        foreach ((string name, Func<double[], double[], bool> run) in new (string, Func<double[], double[], bool>)[]
        {
            ("scalar", (p, d) => Black76Kernel.RunScalar(f, k, v, t, r, w, p, d)),
            ("V128", (p, d) => Black76Kernel.RunWidth<V128>(f, k, v, t, r, w, p, d)),
            ("V256", (p, d) => Black76Kernel.RunWidth<V256>(f, k, v, t, r, w, p, d)),
            ("V512", (p, d) => Black76Kernel.RunWidth<V512>(f, k, v, t, r, w, p, d)),
        })
        {
            double[] p = new double[n], d = new double[n];
            Assert.True(run(p, d));
            Assert.All(d, x => Assert.True(KernelTestData.Close(expected, x, 1e-12), $"{name}: delta {x:R}, expected {expected:R}"));
        }
    }

    private static void Check<TV>(double[] f, double[] k, double[] v, double[] t, double[] r, double[] w) where TV : struct, IVec<TV>
    {
        if (!TV.IsHardwareAccelerated)
        {
            return;
        }

        int n = f.Length;
        double[] p = new double[n], d = new double[n];
        Black76Kernel.RunWidth<TV>(f, k, v, t, r, w, p, d);
        for (int i = 0; i < n; i++)
        {
            double ps = Black76Kernel.Scalar(f[i], k[i], v[i], t[i], r[i], w[i], out double ds);
            Assert.True(KernelTestData.Close(ps, p[i], 1e-13, 1e-13 * (f[i] + k[i])), $"{typeof(TV).Name} #{i}: {ps:R} vs {p[i]:R}");
            Assert.True(KernelTestData.Close(ds, d[i], 1e-13, 1e-15), $"{typeof(TV).Name} #{i}: delta {ds:R} vs {d[i]:R}");
        }
    }
}
