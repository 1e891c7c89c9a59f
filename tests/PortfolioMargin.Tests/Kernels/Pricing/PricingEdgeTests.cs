using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PortfolioMargin.Instruments;
using PortfolioMargin.Pricing;
using Xunit;

namespace PortfolioMargin.Tests.Kernels.Pricing;

/// <summary>
/// Issue 18 §4: pricing at the edges of the double range. Valid inputs never give NaN or an infinity; an input whose
/// result cannot be represented is an exception naming it. Expected values are closed-form limits.
/// </summary>
public sealed class PricingEdgeTests
{
    private const double R = 0.05, T = 2, Vol = 0.8;
    private static readonly double Df = Math.Exp(-R * T);

    [Theory]
    // Forward/strike ratios beyond the double range: deep in the money e^{−rT}(F − K) with delta ±e^{−rT}, else 0.
    [InlineData(OptionRight.Call, 1e200, 1e-200, 1e200, 1.0)]
    [InlineData(OptionRight.Put, 1e200, 1e-200, 0.0, 0.0)]
    [InlineData(OptionRight.Call, 1e-200, 1e200, 0.0, 0.0)]
    [InlineData(OptionRight.Put, 1e-200, 1e200, 1e200, -1.0)]
    // A subnormal forward: the put is worth the discounted strike.
    [InlineData(OptionRight.Put, 5e-324, 100, 100, -1.0)]
    [InlineData(OptionRight.Call, 5e-324, 100, 0.0, 0.0)]
    public void Extreme_forward_strike_ratios_price_to_their_limits(OptionRight right, double f, double k, double undiscounted, double unitDelta)
    {
        OptionGreeks g = Black76.Greeks(right, f, k, T, R, Vol);
        Assert.Equal(undiscounted * Df, g.Price, 1e-15 * Math.Max(1, undiscounted));
        Assert.Equal(unitDelta * Df, g.Delta, 1e-15);
        Assert.Equal(0.0, g.Gamma);
        Assert.Equal(0.0, g.Vega);
        Assert.True(double.IsFinite(g.Theta));

        double[] price = new double[1], delta = new double[1];
        Black76Batch.PriceAndDelta([f], [k], [Vol], [T], [R], [right == OptionRight.Call ? 1 : -1], price, delta);
        Assert.Equal(g.Price, price[0], 1e-15 * Math.Max(1, undiscounted));
        Assert.Equal(g.Delta, delta[0], 1e-15);
    }

    [Theory]
    [InlineData(1e-300, 1e300, 0.05)]
    [InlineData(1e300, 1e-300, -0.05)]
    [InlineData(1e-300, 1e300, -1e300)]
    [InlineData(1e300, 1e-300, -1e300)]
    public void Generalised_formula_prices_extreme_ratios_with_any_carry(double s, double k, double b)
    {
        OptionGreeks c = BlackScholes.Greeks(OptionRight.Call, s, k, 1, 0.01, b, 0.5);
        OptionGreeks p = BlackScholes.Greeks(OptionRight.Put, s, k, 1, 0.01, b, 0.5);
        Assert.True(double.IsFinite(c.Price + c.Delta + c.Gamma + c.Vega) && double.IsFinite(p.Price + p.Delta + p.Gamma + p.Vega), $"{c} / {p}");
    }

    [Fact]
    public void Subnormal_forward_is_a_named_error_for_an_inverse_put_not_infinity()
    {
        // The coin premium K·e^{−rT}/F of a put on a forward of 5e-324 is about 1e326 coin: not a double.
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => InverseOption.CoinPrice(OptionRight.Put, 5e-324, 100, T, R, Vol));
        Assert.Equal("forward", ex.ParamName);
        Assert.Contains("5E-324", ex.Message, StringComparison.Ordinal);
        ex = Assert.Throws<ArgumentOutOfRangeException>(() => InverseOption.CoinGreeks(OptionRight.Put, 5e-324, 100, T, R, Vol));
        Assert.Equal("forward", ex.ParamName);

        // The call is worthless and stays representable.
        Assert.Equal(0.0, InverseOption.CoinPrice(OptionRight.Call, 5e-324, 100, T, R, Vol));
    }

    [Theory]
    // e^{−rT} = e^{800}: the discounted strike overflows.
    [InlineData(100, 100, -1.0, 800, 0.0, 0.5, "r")]
    // S·e^{(b−r)T} = 1e308·e: the forward overflows.
    [InlineData(1e308, 100, 0.0, 1, 1.0, 0.5, "s")]
    // e^{(b−r)T} = e^{1000}: the carry factor overflows.
    [InlineData(100, 100, 0.0, 1, 1000.0, 0.5, "b")]
    // σ√T = 1e300·1e50: the total volatility overflows.
    [InlineData(100, 100, 0.0, 1e100, 0.0, 1e300, "vol")]
    public void Results_beyond_the_double_range_name_the_input(double s, double k, double r, double t, double b, double vol, string param)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => BlackScholes.Greeks(OptionRight.Put, s, k, t, r, b, vol));
        Assert.Equal(param, ex.ParamName);
        Assert.Contains("double range", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => BlackScholes.Price(OptionRight.Put, s, k, t, r, b, vol));
    }

    [Fact]
    public void A_gamma_beyond_the_double_range_is_named_while_the_price_alone_is_returned()
    {
        // S = K = 1e-300, σ√T = 1e-11: Γ = φ(≈0)/(S·σ√T) ≈ 4e310.
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Black76.Greeks(OptionRight.Call, 1e-300, 1e-300, 1, 0, 1e-11));
        Assert.Contains("gamma", ex.Message, StringComparison.Ordinal);
        Assert.Equal("s", ex.ParamName);
        double price = Black76.Price(OptionRight.Call, 1e-300, 1e-300, 1, 0, 1e-11);
        // ATM: F·(2Φ(σ√T/2) − 1) ≈ F·σ√T/√(2π); F·Φ(d1) − K·Φ(d2) cancels to 1e-11 of its terms, hence the loose tolerance.
        Assert.Equal(1e-300 * 1e-11 * 0.3989422804014327, price, 1e-3 * 4e-312);
    }

    [Theory]
    [InlineData(100, 100, 0.5, 800, -1.0, "Option #1: rate", "rate")]
    [InlineData(1e308, 1, 0.5, 1, -1.0, "Option #1: the discounted forward", "forward")]
    [InlineData(100, 100, 1e300, 1e100, 0.0, "Option #1: vol", "vol")]
    public void Batch_names_the_option_whose_result_is_beyond_the_double_range(double f, double k, double vol, double t, double r, string message, string param)
    {
        double[] fs = [100, f, 100], ks = [100, k, 100], vs = [0.5, vol, 0.5], ts = [1, t, 1], rs = [0, r, 0], ws = [1, 1, -1];
        var ex = Assert.Throws<ArgumentException>(() => Black76Batch.Price(fs, ks, vs, ts, rs, ws, new double[3]));
        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
        Assert.Equal(param, ex.ParamName);
        ex = Assert.Throws<ArgumentException>(() => Black76Batch.PriceAndDelta(fs, ks, vs, ts, rs, ws, new double[3], new double[3]));
        Assert.Equal(param, ex.ParamName);
    }

    [Theory]
    [InlineData(4095)]
    [InlineData(4096)]
    [InlineData(10_001)]
    public void Batch_names_the_option_by_its_index_in_the_whole_batch(int bad)
    {
        // The batch is checked and priced in chunks; the message still counts from the start of the spans.
        const int n = 10_002;
        double[] f = [.. Enumerable.Repeat(100.0, n)], k = [.. Enumerable.Repeat(90.0, n)], v = [.. Enumerable.Repeat(0.5, n)];
        double[] t = [.. Enumerable.Repeat(1.0, n)], r = new double[n], w = [.. Enumerable.Repeat(1.0, n)];
        v[bad] = double.NaN;
        var ex = Assert.Throws<ArgumentException>(() => Black76Batch.Price(f, k, v, t, r, w, new double[n]));
        Assert.StartsWith($"Option #{bad}: vol", ex.Message, StringComparison.Ordinal);

        (v[bad], r[bad], t[bad]) = (0.5, -1.0, 800.0);
        ex = Assert.Throws<ArgumentException>(() => Black76Batch.PriceAndDelta(f, k, v, t, r, w, new double[n], new double[n]));
        Assert.StartsWith($"Option #{bad}: rate", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>Finite inputs over the whole double range: magnitudes 1e-320…1e307, carries and rates up to ±1e300, vols 0…1e200.</summary>
    private static Gen<(double S, double K, double T, double R, double B, double Vol)> Extreme =>
        from s in Magnitude(-320, 307)
        from k in Magnitude(-320, 307)
        from t in Gen.OneOf(Gen.Constant(0.0), Gen.Constant(-1.0), Magnitude(-15, 6))
        from r in Gen.OneOf(Gen.Choose(-200, 200).Select(x => x / 100.0), Signed(Magnitude(-10, 300)))
        from b in Gen.OneOf(Gen.Choose(-200, 200).Select(x => x / 100.0), Signed(Magnitude(-10, 300)))
        from vol in Gen.OneOf(Gen.Constant(0.0), Magnitude(-15, 200))
        select (s, k, t, r, b, vol);

    private static Gen<double> Magnitude(int minExponent, int maxExponent) =>
        from e in Gen.Choose(minExponent, maxExponent)
        from m in Gen.Choose(1000, 9999)
        select m / 1000.0 * Math.Pow(10, e);

    private static Gen<double> Signed(Gen<double> g) => from x in g from negative in Gen.Elements(true, false) select negative ? -x : x;

    [Property(MaxTest = 2000)]
    public Property Any_finite_inputs_give_finite_greeks_or_an_exception_naming_an_input() =>
        Prop.ForAll(Extreme.ToArbitrary(), x =>
        {
            foreach (OptionRight right in new[] { OptionRight.Call, OptionRight.Put })
            {
                if (!FiniteOrNamed(() => BlackScholes.Greeks(right, x.S, x.K, x.T, x.R, x.B, x.Vol))
                    || !FiniteOrNamed(() => InverseOption.CoinGreeks(right, x.S, x.K, x.T, x.R, x.Vol))
                    || !FiniteOrNamed(() => new OptionGreeks(BlackScholes.Price(right, x.S, x.K, x.T, x.R, x.B, x.Vol), 0, 0, 0, 0)))
                {
                    return false;
                }
            }

            double[] price = new double[2], delta = new double[2];
            try
            {
                Black76Batch.PriceAndDelta([x.S, x.S], [x.K, x.K], [x.Vol, x.Vol], [x.T, x.T], [x.R, x.R], [1, -1], price, delta);
                return price.All(double.IsFinite) && delta.All(double.IsFinite);
            }
            catch (ArgumentException e)
            {
                return e.ParamName is "forward" or "strike" or "vol" or "rate" && e.Message.StartsWith("Option #", StringComparison.Ordinal);
            }
        });

    private static bool FiniteOrNamed(Func<OptionGreeks> price)
    {
        try
        {
            OptionGreeks g = price();
            return double.IsFinite(g.Price) && double.IsFinite(g.Delta) && double.IsFinite(g.Gamma) && double.IsFinite(g.Vega) && double.IsFinite(g.Theta);
        }
        catch (ArgumentOutOfRangeException e)
        {
            return e.ParamName is "s" or "k" or "r" or "b" or "vol" or "forward" && e.Message.Contains("double range", StringComparison.Ordinal);
        }
    }
}
