using PortfolioMargin.Instruments;
using PortfolioMargin.Pricing;
using Xunit;

namespace PortfolioMargin.Tests.Kernels.Pricing;

/// <summary>Option and inverse-product oracles from ../shared/reference/published-examples.md (ids in the test names).</summary>
public sealed class PublishedExamplesTests
{
    private const double Tol6 = 5e-7;

    [Fact]
    public void BS_HULL_call_put_d1_d2_and_greeks()
    {
        // Hull, Options Futures and Other Derivatives: S=42, K=40, r=10%, σ=20%, T=0.5, b=r.
        OptionGreeks call = BlackScholes.Greeks(OptionRight.Call, 42, 40, 0.5, 0.10, 0.10, 0.20);
        OptionGreeks put = BlackScholes.Greeks(OptionRight.Put, 42, 40, 0.5, 0.10, 0.10, 0.20);
        Assert.Equal(4.759422, call.Price, Tol6);
        Assert.Equal(0.808599, put.Price, Tol6);
        double d1 = BlackScholes.D1(42, 40, 0.5, 0.10, 0.20);
        Assert.Equal(0.769263, d1, Tol6);
        Assert.Equal(0.627841, d1 - (0.20 * Math.Sqrt(0.5)), Tol6);
        Assert.Equal(0.779131, call.Delta, Tol6);
        Assert.Equal(0.049963, call.Gamma, Tol6);
        Assert.Equal(8.813415, call.Vega, Tol6);
    }

    [Fact]
    public void BS_HAUG_GBSM_call() =>
        Assert.Equal(2.133368, BlackScholes.Price(OptionRight.Call, 60, 65, 0.25, 0.08, 0.08, 0.30), Tol6);

    [Fact]
    public void BS_HAUG_MERTON_put() => // b = r − q = 10% − 5%
        Assert.Equal(2.464788, BlackScholes.Price(OptionRight.Put, 100, 95, 0.5, 0.10, 0.05, 0.20), Tol6);

    [Fact]
    public void BS_HAUG_B76_call_equals_put_at_the_money()
    {
        Assert.Equal(1.701051, Black76.Price(OptionRight.Call, 19, 19, 0.75, 0.10, 0.28), Tol6);
        Assert.Equal(1.701051, Black76.Price(OptionRight.Put, 19, 19, 0.75, 0.10, 0.28), Tol6);
    }

    [Fact]
    public void BS_HAUG_GK_currency_call() => // Garman–Kohlhagen: b = r − rf = 6% − 8%
        Assert.Equal(0.029099, BlackScholes.Price(OptionRight.Call, 1.56, 1.60, 0.5, 0.06, -0.02, 0.12), Tol6);

    [Fact]
    public void BS_HULL_FUTPUT_black76_put() =>
        Assert.Equal(1.116641, Black76.Price(OptionRight.Put, 20, 20, 4.0 / 12.0, 0.09, 0.25), Tol6);

    [Fact]
    public void INV_OPT_1_inverse_call_and_put_in_coin()
    {
        const double f = 60_000, k = 65_000, t = 30.0 / 365.0, vol = 0.60;
        Assert.Equal(2237.8682, Black76.Price(OptionRight.Call, f, k, t, 0, vol), 5e-5);
        Assert.Equal(0.03729780, InverseOption.CoinPrice(OptionRight.Call, f, k, t, 0, vol), 5e-9);
        Assert.Equal(0.12063114, InverseOption.CoinPrice(OptionRight.Put, f, k, t, 0, vol), 5e-9);
        Assert.Equal(0.352226, NormalDistribution.Cdf(BlackScholes.D1(f, k, t, 0, vol)), Tol6);
        Assert.Equal(0.314928, InverseOption.CoinGreeks(OptionRight.Call, f, k, t, 0, vol).Delta, Tol6);
    }

    [Fact]
    public void INV_SETTLE_inverse_call_settles_to_coin_payoff()
    {
        // Bought the K=100,000 call for 0.05 BTC; at expiry F=125,000 the payoff is (125,000−100,000)/125,000 BTC.
        double payoff = InverseOption.CoinPrice(OptionRight.Call, 125_000, 100_000, 0.0, 0.0, 0.5);
        Assert.Equal(0.2, payoff, 1e-15);
        Assert.Equal(0.15, payoff - 0.05, 1e-15);
    }

    [Fact]
    public void INV_FUT_1_inverse_future_pnl_in_coin()
    {
        Assert.Equal(0.0181818, FuturePnl.Inverse(1, 10_000, 50_000, 55_000), 5e-8);
        Assert.Equal(-0.0181818, FuturePnl.Inverse(-1, 10_000, 50_000, 55_000), 5e-8);
        Assert.Equal(5_000, FuturePnl.Linear(1, 1, 50_000, 55_000));
    }
}
