using PortfolioMargin.Instruments;
using PortfolioMargin.Pricing;
using Xunit;

namespace PortfolioMargin.Tests.Kernels.Pricing;

public sealed class PricingLimitsAndBadInputTests
{
    [Theory]
    [InlineData(OptionRight.Call, 110, 100, 10)]
    [InlineData(OptionRight.Call, 90, 100, 0)]
    [InlineData(OptionRight.Put, 90, 100, 10)]
    [InlineData(OptionRight.Put, 110, 100, 0)]
    public void Expired_option_is_worth_intrinsic_value(OptionRight right, double s, double k, double intrinsic)
    {
        foreach (double t in new[] { 0.0, -0.5 })
        {
            OptionGreeks g = BlackScholes.Greeks(right, s, k, t, 0.05, 0.05, 0.3);
            Assert.Equal(intrinsic, g.Price);
            Assert.Equal(0.0, g.Gamma);
            Assert.Equal(0.0, g.Vega);
        }
    }

    [Fact]
    public void Zero_vol_gives_discounted_forward_intrinsic_and_never_nan()
    {
        // Call: S e^{(b−r)T} − K e^{−rT} = 100·e^{0} − 95·e^{−0.05}.
        double expected = 100 - (95 * Math.Exp(-0.05));
        Assert.Equal(expected, BlackScholes.Price(OptionRight.Call, 100, 95, 1, 0.05, 0.05, 0.0), 1e-12);
        Assert.Equal(0.0, BlackScholes.Price(OptionRight.Put, 100, 95, 1, 0.05, 0.05, 0.0));
        OptionGreeks atm = Black76.Greeks(OptionRight.Call, 100, 100, 1, 0.0, 0.0);
        Assert.Equal(0.0, atm.Price);
        Assert.Equal(0.5, atm.Delta);
        foreach (double vol in new[] { 0.0, 1e-300, 1e-20, 1e-13 })
        {
            OptionGreeks g = BlackScholes.Greeks(OptionRight.Call, 100, 100, 1, 0.05, 0.0, vol);
            Assert.True(double.IsFinite(g.Price + g.Delta + g.Gamma + g.Vega + g.Theta), $"vol {vol}: {g}");
        }
    }

    [Fact]
    public void Tiny_vol_converges_continuously_to_the_limit()
    {
        double limit = BlackScholes.Price(OptionRight.Call, 100, 95, 1, 0.05, 0.02, 0.0);
        double tiny = BlackScholes.Price(OptionRight.Call, 100, 95, 1, 0.05, 0.02, 1e-6);
        Assert.Equal(limit, tiny, 1e-9);
    }

    [Theory]
    [InlineData(double.NaN, 100, 0.2, "Underlying price")]
    [InlineData(100, -5, 0.2, "Strike")]
    [InlineData(100, 0, 0.2, "Strike")]
    [InlineData(100, 100, -0.1, "Volatility")]
    [InlineData(100, 100, double.NaN, "Volatility")]
    [InlineData(double.PositiveInfinity, 100, 0.2, "Underlying price")]
    public void Bad_inputs_throw_a_clear_exception(double s, double k, double vol, string field)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => BlackScholes.Price(OptionRight.Call, s, k, 1, 0, 0, vol));
        Assert.Contains(field, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Batch_rejects_bad_element_naming_its_index_and_field()
    {
        double[] f = [100, 100, 100], k = [100, 100, 100], v = [0.2, -0.2, 0.2], t = [1, 1, 1], r = [0, 0, 0], w = [1, -1, 1];
        var price = new double[3];
        var ex = Assert.Throws<ArgumentException>(() => Black76Batch.Price(f, k, v, t, r, w, price));
        Assert.Contains("Option #1: vol", ex.Message, StringComparison.Ordinal);

        w[2] = 0.5;
        v[1] = 0.2;
        ex = Assert.Throws<ArgumentException>(() => Black76Batch.Price(f, k, v, t, r, w, price));
        Assert.Contains("Option #2: omega", ex.Message, StringComparison.Ordinal);

        ex = Assert.Throws<ArgumentException>(() => Black76Batch.Price(f, k, v, t, r, w, new double[2]));
        Assert.Contains("'price'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Batch_matches_scalar_pricer_with_greeks()
    {
        double[] f = [19, 60_000, 20], k = [19, 65_000, 20], v = [0.28, 0.6, 0.25], t = [0.75, 30 / 365.0, 4 / 12.0], r = [0.10, 0, 0.09], w = [1, 1, -1];
        var price = new double[3];
        var delta = new double[3];
        Black76Batch.PriceAndDelta(f, k, v, t, r, w, price, delta);
        for (int i = 0; i < 3; i++)
        {
            OptionGreeks g = Black76.Greeks(w[i] > 0 ? OptionRight.Call : OptionRight.Put, f[i], k[i], t[i], r[i], v[i]);
            Assert.Equal(g.Price, price[i], 1e-12 * f[i]);
            Assert.Equal(g.Delta, delta[i], 1e-13);
        }

        Assert.Equal(1.701051, price[0], 5e-7); // BS-HAUG-B76
        Assert.Equal(1.116641, price[2], 5e-7); // BS-HULL-FUTPUT
    }
}
