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
