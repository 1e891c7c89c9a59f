using PortfolioMargin.Instruments;
using PortfolioMargin.Models;
using PortfolioMargin.Models.Isolated;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Pricing;
using Xunit;
using static PortfolioMargin.Tests.Domain.TestMarket;

namespace PortfolioMargin.Tests.Models.Isolated;

/// <summary>The rate rules of spec §6.1, each checked against a hand computation.</summary>
public sealed class IsolatedModelTests
{
    private static readonly IsolatedModel Model = new(new IsolatedRates(0.05, 0.15, 0.10, 0.5), new Dictionary<string, IsolatedRates> { ["ETH"] = new(0.08, 0.2, 0.1, 0.6) });

    private static MarginResult Run(params Position[] p) => Model.Calculate(new Portfolio(p), Snapshot());

    [Fact]
    public void Linear_future_is_rate_times_notional()
    {
        // 5 % x |−2| x 1 x 61,000 = 6,100; MM = 50 %.
        MarginResult r = Run(new Position(new Future(Btc, Mar), -2));
        Assert.Equal(6_100, r.InitialMargin, 1e-9);
        Assert.Equal(3_050, r.MaintenanceMargin, 1e-9);
    }

    [Fact]
    public void Inverse_perpetual_is_rate_times_face_over_price_in_coin_converted()
    {
        // 5 % x 1,000 x 10 / 60,000 BTC = 0.0083333 BTC x 60,000 USD = 500 USD.
        Assert.Equal(500, Run(new Position(new Perpetual(Btc, inverse: true, multiplier: 10), 1_000)).InitialMargin, 1e-9);
    }

    [Fact]
    public void Long_option_is_its_premium_and_short_option_adds_the_otm_reduced_charge()
    {
        var call = new EuropeanOption(Btc, OptionRight.Call, 65_000, Mar);
        double t = 84 / 365.0, premium = Black76.Price(OptionRight.Call, 61_000, 65_000, t, 0, 0.6);
        Assert.Equal(2 * premium, Run(new Position(call, 2)).InitialMargin, 1e-9);
        // Short 2: premium + max(15 % x 122,000 − OTM 2 x 4,000, 10 % x 122,000) = premium + max(10,300, 12,200).
        Assert.Equal((2 * premium) + 12_200, Run(new Position(call, -2)).InitialMargin, 1e-9);

        var itmPut = new EuropeanOption(Btc, OptionRight.Put, 65_000, Mar);
        double putPremium = Black76.Price(OptionRight.Put, 61_000, 65_000, t, 0, 0.6);
        // ITM put: OTM amount 0, so max(15 % x 61,000, 10 % x 61,000) = 9,150.
        Assert.Equal(putPremium + 9_150, Run(new Position(itmPut, -1)).InitialMargin, 1e-9);
    }

    [Fact]
    public void Inverse_short_option_is_converted_to_coin_by_the_forward_then_to_usd()
    {
        var call = new EuropeanOption(Btc, OptionRight.Call, 65_000, Mar, OptionSettlement.Inverse);
        double premiumUsd = Black76.Price(OptionRight.Call, 61_000, 65_000, 84 / 365.0, 0, 0.6);
        double coin = (premiumUsd + Math.Max((0.15 * 61_000) - 4_000, 0.10 * 61_000)) / 61_000;
        Assert.Equal(coin * 60_000, Run(new Position(call, -1)).InitialMargin, 1e-9);
    }

    [Fact]
    public void Rates_are_looked_up_per_underlying_and_contributions_sum()
    {
        MarginResult r = Run(new Position(new Perpetual(Eth), 10), new Position(new Future(Btc, Mar), 1));
        Assert.Equal(0.08 * 10 * 3_000, r.Contributions[0].Initial, 1e-9);
        Assert.Equal(0.6 * 0.08 * 10 * 3_000, r.Contributions[0].Maintenance, 1e-9);
        Assert.Equal(r.InitialMargin, r.Contributions.Sum(c => c.Initial), 1e-9);
        EfficiencyReport e = EfficiencyReport.Compute(Model, ResolvedPortfolio.Resolve(new Portfolio(new Position(new Perpetual(Eth), 10)), Snapshot()));
        Assert.Equal(0, e.Total.Efficiency);
    }
}
