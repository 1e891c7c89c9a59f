using MathNet.Numerics;
using PortfolioMargin.Pricing;
using PortfolioMargin.Pricing.Kernels;
using PortfolioMargin.Simd;
using Xunit;

namespace PortfolioMargin.Tests.Kernels.Pricing;

/// <summary>
/// The vectorized normal CDF against its scalar twin (every length 0…256, every vector width) and against an
/// independent double-precision reference. CI re-runs this namespace with AVX-512, AVX2 and all intrinsics disabled.
/// </summary>
[Trait("Category", "Kernel")]
public sealed class NormalCdfKernelTests
{
    [Fact]
    public void Vectorized_driver_matches_scalar_twin_on_every_length_0_to_256()
    {
        for (int n = 0; n <= 256; n++)
        {
            double[] x = KernelTestData.CdfArguments(n, seed: n);
            var vec = new double[n];
            var sca = new double[n];
            NormalCdfKernel.Apply(x, vec);
            NormalCdfKernel.ApplyScalar(x, sca);
            for (int i = 0; i < n; i++)
            {
                Assert.True(KernelTestData.Close(sca[i], vec[i], 1e-14, 1e-300), $"n={n} i={i} x={x[i]:R}: scalar {sca[i]:R} vector {vec[i]:R}");
            }
        }
    }

    [Fact]
    public void Public_span_api_works_in_place_and_rejects_short_destination()
    {
        double[] x = KernelTestData.CdfArguments(37, seed: 7);
        double[] expected = x.Select(NormalDistribution.Cdf).ToArray();
        NormalDistribution.Cdf(x, x);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.True(KernelTestData.Close(expected[i], x[i], 1e-14));
        }

        Assert.Throws<ArgumentException>(() => NormalDistribution.Cdf(new double[4], new double[3]));
    }

    [Fact]
    public void Each_accelerated_vector_width_matches_scalar_twin()
    {
        double[] x = KernelTestData.CdfArguments(4096, seed: 42);
        int widths = CheckWidth<V128>(x) + CheckWidth<V256>(x) + CheckWidth<V512>(x);
        Assert.Equal(Expected(V128.IsHardwareAccelerated) + Expected(V256.IsHardwareAccelerated) + Expected(V512.IsHardwareAccelerated), widths);
        static int Expected(bool on) => on ? 1 : 0;
    }

    private static int CheckWidth<TV>(double[] x) where TV : struct, IVec<TV>
    {
        if (!TV.IsHardwareAccelerated)
        {
            return 0;
        }

        var y = new double[x.Length];
        NormalCdfKernel.ApplyWidths<TV, TV, TV>(x, y);

        for (int i = 0; i < x.Length; i++)
        {
            double s = NormalCdfKernel.Scalar(x[i]);
            Assert.True(KernelTestData.Close(s, y[i], 1e-14, 1e-300), $"{typeof(TV).Name} x={x[i]:R}: scalar {s:R} vector {y[i]:R}");
        }

        return 1;
    }

    /// <summary>
    /// Independent reference: Φ(x) = erfc(u)/2 with u = −x/√2 carried in double-double (MathNet's Boost-derived erfc
    /// at the rounded u, corrected to first order by the rounding residue, since erfc'(u) = −2e^{−u²}/√π).
    /// </summary>
    private static double Reference(double x)
    {
        const double invSqrt2Hi = 0.70710678118654757, invSqrt2Lo = -4.8336466567264567e-17;
        double uHi = -x * invSqrt2Hi;
        double uLo = Math.FusedMultiplyAdd(-x, invSqrt2Hi, -uHi) + (-x * invSqrt2Lo);
        double erfc = SpecialFunctions.Erfc(uHi);
        double slope = 2 / Math.Sqrt(Math.PI) * Math.Exp(-uHi * uHi);
        return 0.5 * (erfc - (slope * uLo));
    }

    [Fact]
    public void Relative_error_is_at_most_1e_13_for_x_from_minus_37_upwards()
    {
        var xs = new List<double>();
        for (double x = -37; x <= 9; x += 0.0037)
        {
            xs.Add(x);
        }

        xs.AddRange([-37.0, -0.66291, 0.66291, -5.656854248, 5.656854248, 0.0, -1e-300, 1e-10]);
        double[] arr = xs.ToArray();
        var vec = new double[arr.Length];
        NormalCdfKernel.Apply(arr, vec);
        double worst = 0, worstX = 0;
        for (int i = 0; i < arr.Length; i++)
        {
            double reference = Reference(arr[i]);
            foreach (double got in new[] { NormalCdfKernel.Scalar(arr[i]), vec[i] })
            {
                double rel = Math.Abs(got - reference) / reference;
                if (rel > worst)
                {
                    worst = rel;
                    worstX = arr[i];
                }
            }
        }

        Assert.True(worst <= 1e-13, $"worst relative error {worst:E3} at x = {worstX:R}");
    }

    [Fact]
    public void Edges_are_exact_on_every_width_infinities_give_0_and_1_and_nan_stays_nan()
    {
        // Issue 18 §4: Φ(±∞) was NaN. Past the cutoff −37.5 (Φ < 4.7e-308) the result is exactly 0.
        double[] x = [double.NegativeInfinity, double.PositiveInfinity, double.MinValue, double.MaxValue, -1e300, -38.5, -37.500000000000007, double.NaN, 0.0];
        double[] expected = [0.0, 1.0, 0.0, 1.0, 0.0, 0.0, 0.0, double.NaN, 0.5];
        var outputs = new List<(string Path, double[] Values)>
        {
            ("scalar", [.. x.Select(NormalCdfKernel.Scalar)]),
            ("public scalar", [.. x.Select(NormalDistribution.Cdf)]),
        };
        outputs.AddRange(Widths(x));
        foreach ((string path, double[] y) in outputs)
        {
            for (int i = 0; i < x.Length; i++)
            {
                Assert.True(double.IsNaN(expected[i]) ? double.IsNaN(y[i]) : KernelTestData.Close(expected[i], y[i], 1e-15),
                    $"{path}: Φ({x[i]:R}) = {y[i]:R}, expected {expected[i]:R}");
            }
        }

        // Just inside the cutoff the value is a normal double, with full relative accuracy (reference 4.605353009581955e-308).
        Assert.True(KernelTestData.Close(4.605353009581955e-308, NormalDistribution.Cdf(-37.5), 1e-13));
    }

    [Fact]
    public void Values_lie_in_0_1_are_monotone_and_symmetric()
    {
        double previous = 0;
        for (double x = -40; x <= 40; x += 0.001953125)
        {
            double p = NormalDistribution.Cdf(x);
            Assert.True(p >= previous && p <= 1, $"Φ({x:R}) = {p:R} after {previous:R}");
            Assert.True(Math.Abs(p + NormalDistribution.Cdf(-x) - 1) <= 2.3e-16, $"Φ({x:R}) + Φ({-x:R}) = {p + NormalDistribution.Cdf(-x):R}");
            previous = p;
        }
    }

    private static IEnumerable<(string Path, double[] Values)> Widths(double[] x)
    {
        foreach ((string name, bool on, Action<double[], double[]> run) in new (string, bool, Action<double[], double[]>)[]
        {
            ("V128", V128.IsHardwareAccelerated, (a, b) => NormalCdfKernel.ApplyWidths<V128, V128, V128>(a, b)),
            ("V256", V256.IsHardwareAccelerated, (a, b) => NormalCdfKernel.ApplyWidths<V256, V256, V256>(a, b)),
            ("V512", V512.IsHardwareAccelerated, (a, b) => NormalCdfKernel.ApplyWidths<V512, V512, V512>(a, b)),
        })
        {
            if (on)
            {
                // Repeat the inputs so every one of them lands in a full vector, not only in the scalar tail.
                double[] wide = [.. Enumerable.Repeat(x, 8).SelectMany(v => v)];
                var y = new double[wide.Length];
                run(wide, y);
                yield return (name, y[..x.Length]);
                yield return (name + " (second copy)", y[x.Length..(2 * x.Length)]);
            }
        }
    }

    [Theory]
    // Tabulated values (Abramowitz & Stegun table 26.1 / standard normal tables, to the digits shown).
    [InlineData(0.0, 0.5)]
    [InlineData(-1.0, 0.15865525393145705)]
    [InlineData(-2.0, 0.022750131948179195)]
    [InlineData(-3.0, 0.0013498980316300946)]
    [InlineData(-5.0, 2.866515718791939e-07)]
    [InlineData(-10.0, 7.619853024160527e-24)]
    [InlineData(1.959963984540054, 0.975)]
    public void Matches_tabulated_values(double x, double expected) =>
        Assert.True(KernelTestData.Close(expected, NormalDistribution.Cdf(x), 1e-14), $"Φ({x}) = {NormalDistribution.Cdf(x):R}");

    [Fact]
    public void Hardware_switches_from_the_environment_are_honoured()
    {
        // CI re-runs these tests with each switch; make sure the run really takes the narrower path.
        if (Environment.GetEnvironmentVariable("DOTNET_EnableHWIntrinsic") == "0")
        {
            Assert.False(V128.IsHardwareAccelerated);
        }

        if (Environment.GetEnvironmentVariable("DOTNET_EnableAVX2") == "0")
        {
            Assert.False(V256.IsHardwareAccelerated);
        }

        // .NET 10 reads DOTNET_EnableAVX512 (DOTNET_EnableAVX512F is no longer honoured), so CI sets both.
        if (Environment.GetEnvironmentVariable("DOTNET_EnableAVX512") == "0")
        {
            Assert.False(V512.IsHardwareAccelerated);
        }

        TestContext.Current.SendDiagnosticMessage($"accelerated: V128={V128.IsHardwareAccelerated} V256={V256.IsHardwareAccelerated} V512={V512.IsHardwareAccelerated}");
    }
}
