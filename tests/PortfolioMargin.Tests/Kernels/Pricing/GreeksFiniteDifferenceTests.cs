using PortfolioMargin.Instruments;
using PortfolioMargin.Pricing;
using Xunit;

namespace PortfolioMargin.Tests.Kernels.Pricing;

/// <summary>Analytic greeks against central finite differences of the price (an independent second method).</summary>
public sealed class GreeksFiniteDifferenceTests
{
    public static TheoryData<OptionRight, double, double, double, double, double, double> Cases => new()
    {
        { OptionRight.Call, 42, 40, 0.5, 0.10, 0.10, 0.20 },
        { OptionRight.Put, 42, 40, 0.5, 0.10, 0.10, 0.20 },
        { OptionRight.Call, 100, 95, 0.5, 0.10, 0.05, 0.20 },
        { OptionRight.Put, 60_000, 65_000, 30 / 365.0, 0.0, 0.0, 0.60 },
        { OptionRight.Call, 60_000, 40_000, 2.0, 0.03, 0.0, 0.90 },
        { OptionRight.Put, 1.56, 1.60, 0.5, 0.06, -0.02, 0.12 },
        { OptionRight.Call, 3_000, 3_500, 7 / 365.0, 0.05, 0.0, 1.5 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generalised_black_scholes_greeks_match_central_differences(OptionRight right, double s, double k, double t, double r, double b, double vol)
    {
        OptionGreeks g = BlackScholes.Greeks(right, s, k, t, r, b, vol);
        double hs = s * 1e-4, hv = 1e-5, ht = 1e-6;
        double P(double s1, double t1, double v1) => BlackScholes.Price(right, s1, k, t1, r, b, v1);

        double delta = (P(s + hs, t, vol) - P(s - hs, t, vol)) / (2 * hs);
        double gamma = (P(s + hs, t, vol) - (2 * P(s, t, vol)) + P(s - hs, t, vol)) / (hs * hs);
        double vega = (P(s, t, vol + hv) - P(s, t, vol - hv)) / (2 * hv);
        double theta = -(P(s, t + ht, vol) - P(s, t - ht, vol)) / (2 * ht);

        AssertClose(delta, g.Delta, 1e-6);
        AssertClose(gamma, g.Gamma, 1e-4);
        AssertClose(vega, g.Vega, 1e-6);
        AssertClose(theta, g.Theta, 1e-5);
    }

    [Theory]
    [InlineData(OptionRight.Call, 60_000, 65_000, 30 / 365.0, 0.0, 0.60)]
    [InlineData(OptionRight.Put, 60_000, 65_000, 30 / 365.0, 0.0, 0.60)]
    [InlineData(OptionRight.Call, 3_000, 2_500, 90 / 365.0, 0.02, 0.80)]
    [InlineData(OptionRight.Put, 3_000, 2_500, 2 / 365.0, 0.02, 0.80)]
    public void Inverse_coin_greeks_match_central_differences(OptionRight right, double f, double k, double t, double r, double vol)
    {
        OptionGreeks g = InverseOption.CoinGreeks(right, f, k, t, r, vol);
        double h = f * 2e-5;
        double V(double f1, double t1, double v1) => InverseOption.CoinPrice(right, f1, k, t1, r, v1);
        double CoinDelta(double f1) => f1 * (V(f1 + h, t, vol) - V(f1 - h, t, vol)) / (2 * h);

        AssertClose(CoinDelta(f), g.Delta, 1e-6);
        AssertClose((CoinDelta(f + h) - CoinDelta(f - h)) / (2 * h), g.Gamma, 1e-4);
        AssertClose((V(f, t, vol + 1e-5) - V(f, t, vol - 1e-5)) / 2e-5, g.Vega, 1e-6);
        AssertClose(-(V(f, t + 1e-6, vol) - V(f, t - 1e-6, vol)) / 2e-6, g.Theta, 1e-5);
    }

    private static void AssertClose(double expected, double actual, double relTol)
    {
        double scale = Math.Max(1e-8, Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= relTol * scale + 1e-9,
            $"expected {expected:R}, got {actual:R} (relative tolerance {relTol})");
    }
}
