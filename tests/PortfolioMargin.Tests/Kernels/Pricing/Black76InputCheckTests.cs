using PortfolioMargin.Pricing.Kernels;
using PortfolioMargin.Simd;
using Xunit;

namespace PortfolioMargin.Tests.Kernels.Pricing;

/// <summary>The vectorized input check of the batch pricer against its scalar twin on every length 0…256 and every vector width.</summary>
[Trait("Category", "Kernel")]
public sealed class Black76InputCheckTests
{
    /// <summary>One bad value per field, and a total volatility σ√T beyond the double range.</summary>
    public static TheoryData<int, double> BadValues => new()
    {
        { 0, double.NaN }, { 0, 0.0 }, { 0, -1.0 }, { 0, double.PositiveInfinity },
        { 1, double.NaN }, { 1, -0.0 }, { 1, double.PositiveInfinity },
        { 2, double.NaN }, { 2, -1e-300 }, { 2, double.PositiveInfinity },
        { 3, double.NaN }, { 3, double.NegativeInfinity },
        { 4, double.NaN }, { 4, double.PositiveInfinity },
        { 5, double.NaN }, { 5, 0.0 }, { 5, 0.5 }, { 5, 2.0 },
        { 6, 0.0 }, // field 6: vol = 1e300 with time = 1e100, so σ√T = 1e350
    };

    [Fact]
    public void Valid_batches_pass_on_every_length_0_to_256()
    {
        for (int n = 0; n <= 256; n++)
        {
            var (f, k, v, t, r, w) = KernelTestData.Options(n, seed: 300 + n);
            Assert.Equal(-1, Black76InputCheck.FirstInvalid(f, k, v, t, r, w));
            Assert.Equal(-1, Black76InputCheck.FirstInvalidScalar(f, k, v, t, r, w));
        }
    }

    [Theory]
    [MemberData(nameof(BadValues))]
    public void First_bad_option_is_found_on_every_length_and_width(int field, double value)
    {
        var rng = new Random(field * 1000);
        for (int n = 1; n <= 256; n++)
        {
            var (f, k, v, t, r, w) = KernelTestData.Options(n, seed: 700 + n);
            double[][] columns = [f, k, v, t, r, w];
            int bad = rng.Next(n), second = rng.Next(n);
            Spoil(columns, field, value, bad);
            Spoil(columns, field, value, Math.Max(bad, second));
            Assert.Equal(bad, Black76InputCheck.FirstInvalidScalar(f, k, v, t, r, w));
            Assert.Equal(bad, Black76InputCheck.FirstInvalid(f, k, v, t, r, w));
            Assert.Equal(bad, Black76InputCheck.FirstInvalidWidths<V128, V128, V128>(f, k, v, t, r, w));
            Assert.Equal(bad, Black76InputCheck.FirstInvalidWidths<V256, V256, V256>(f, k, v, t, r, w));
            Assert.Equal(bad, Black76InputCheck.FirstInvalidWidths<V512, V512, V512>(f, k, v, t, r, w));
        }
    }

    private static void Spoil(double[][] columns, int field, double value, int i)
    {
        if (field == 6)
        {
            columns[2][i] = 1e300;
            columns[3][i] = 1e100;
        }
        else
        {
            columns[field][i] = value;
        }
    }

    [Fact]
    public void Edges_of_the_domain_are_valid()
    {
        // Largest and smallest positive doubles, a subnormal forward, zero vol, negative time and rates, a σ√T just finite.
        double[] f = [double.MaxValue, double.Epsilon, 5e-324, 100], k = [double.Epsilon, double.MaxValue, 100, 100];
        double[] v = [0, 1e150, double.MaxValue, 1.3e154], t = [-1e300, 1, 0, 1e154], r = [-1e300, 1e300, 0, 0], w = [1, -1, 1, -1];
        Assert.Equal(-1, Black76InputCheck.FirstInvalidScalar(f, k, v, t, r, w));
        Assert.Equal(-1, Black76InputCheck.FirstInvalidWidths<V128, V128, V128>(f, k, v, t, r, w));
        Assert.Equal(-1, Black76InputCheck.FirstInvalidWidths<V256, V256, V256>(f, k, v, t, r, w));
    }
}
