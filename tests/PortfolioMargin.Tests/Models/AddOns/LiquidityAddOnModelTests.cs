using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models;
using PortfolioMargin.Models.AddOns;
using PortfolioMargin.Models.Isolated;
using PortfolioMargin.Models.VaR;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Pricing;
using PortfolioMargin.Tests.Domain;
using Xunit;

namespace PortfolioMargin.Tests.Models.AddOns;

/// <summary>The liquidity and concentration decorator: closed forms, contributions that sum, the breakdown, and the dollar-delta convention.</summary>
public sealed class LiquidityAddOnModelTests
{
    private static readonly Underlying Btc = TestMarket.Btc;
    private static readonly IsolatedModel Inner = new(IsolatedRates.CryptoDefault);

    private static ResolvedPortfolio Resolve(params Position[] positions) => ResolvedPortfolio.Resolve(new Portfolio(positions), TestMarket.Snapshot());

    [Fact]
    public void Concentration_on_a_net_long_is_rate_times_net_notional_and_hedges_get_negative_shares()
    {
        // Long 100 BTC spot, short 40 BTC perp at 60,000: net 60 BTC = 3.6M USD against ADV 2M -> size 1.8;
        // linear ramp 0.5..2.5 to 10 %: rate 6.5 %, add-on 234,000.
        var rule = new ConcentrationRule("BTC", LiquidityReference.AverageDailyVolume, 2_000_000, ConcentrationSchedule.Linear(0.5, 2.5, 0.10));
        var model = new LiquidityAddOnModel(Inner, new LiquidityAddOns([rule]));
        ResolvedPortfolio book = Resolve(new Position(new SpotInstrument(Btc), 100), new Position(new Perpetual(Btc), -40));
        MarginResult inner = Inner.Calculate(book), r = model.Calculate(book);
        Assert.Equal(inner.InitialMargin + 234_000, r.InitialMargin, 1e-6);
        Assert.Equal(inner.MaintenanceMargin + 234_000, r.MaintenanceMargin, 1e-6);
        double spotShare = r.Contributions[0].Initial - inner.Contributions[0].Initial, perpShare = r.Contributions[1].Initial - inner.Contributions[1].Initial;
        Assert.Equal(234_000 * 100 / 60.0, spotShare, 1e-6);
        Assert.Equal(-234_000 * 40 / 60.0, perpShare, 1e-6);
        MarginNode node = r.Breakdown.Descendants().Single(n => n.Name == "BTC/concentration");
        Assert.Equal(234_000, node.Initial, 1e-6);
        Assert.Contains("1.8 x ADV", node.Note, StringComparison.Ordinal);
        Assert.Contains(r.Diagnostics, d => d.Code == "CONCENTRATION_ADDON");
        Assert.Same(inner.Breakdown.Name, r.Breakdown.Children[0].Name);
    }

    [Fact]
    public void Close_out_cost_is_the_half_spread_of_notional_premium_and_vega()
    {
        var call = new EuropeanOption(Btc, OptionRight.Call, 70_000, TestMarket.Mar);
        ResolvedPortfolio book = Resolve(new Position(new Future(Btc, TestMarket.Mar), 3), new Position(call, -5));
        var spreads = new LiquidityAddOns(spreadsByUnderlying: new Dictionary<string, CloseOutSpread> { ["BTC"] = new(DeltaOne: 0.0005, OptionPremium: 0.02, OptionVolPoints: 0.01) });
        MarginResult r = new LiquidityAddOnModel(Inner, spreads).Calculate(book), inner = Inner.Calculate(book);
        PositionValuation option = PortfolioValuation.Of(book).Positions[1];
        double futureCost = 0.0005 * 3 * 61_000, optionCost = (0.02 * Math.Abs(option.ValueInReport)) + (0.01 * Math.Abs(option.Vega));
        Assert.Equal(futureCost, r.Contributions[0].Initial - inner.Contributions[0].Initial, 1e-9);
        Assert.Equal(optionCost, r.Contributions[1].Initial - inner.Contributions[1].Initial, 1e-9);
        Assert.Equal(inner.InitialMargin + futureCost + optionCost, r.InitialMargin, 1e-9);
        Assert.Equal(futureCost + optionCost, r.Breakdown.Descendants().Single(n => n.Name == "BTC/close-out").Initial, 1e-9);

        // An instrument-level spread overrides the underlying's; no spread, no cost.
        var named = new LiquidityAddOns(spreadsByUnderlying: spreads.SpreadsByUnderlying, spreadsByInstrument: new Dictionary<string, CloseOutSpread> { [call.Name] = new() });
        Assert.Equal(inner.InitialMargin + futureCost, new LiquidityAddOnModel(Inner, named).Calculate(book).InitialMargin, 1e-9);
    }

    [Fact]
    public void Dollar_delta_agrees_with_the_covariance_var_exposures_for_every_kind()
    {
        Underlying eth = TestMarket.Eth;
        ResolvedPortfolio book = Resolve(
            new Position(new SpotInstrument(Btc), 2), new Position(new Perpetual(Btc, inverse: true, multiplier: 10), -5_000),
            new Position(new Future(Btc, TestMarket.Mar, inverse: true, multiplier: 100), 300), new Position(new Future(eth, TestMarket.Mar), 10),
            new Position(new EuropeanOption(Btc, OptionRight.Put, 55_000, TestMarket.Jun, OptionSettlement.Inverse), -4),
            new Position(new EuropeanOption(eth, OptionRight.Call, 3_500, TestMarket.Mar), 7));
        VaRExposures x = VaRExposures.Of(book, VaRFactors.Create(["BTC", "ETH"], [0.03, 0.04], new double[,] { { 1, 0.8 }, { 0.8, 1 } }));
        PortfolioValuation v = PortfolioValuation.Of(book);
        for (int i = 0; i < book.Count; i++)
        {
            Assert.Equal(x.PositionDelta[i], LiquidityAddOnModel.DollarDelta(book, v.Positions[i], i), 1e-9 * Math.Max(1, Math.Abs(x.PositionDelta[i])));
        }
    }

    [Fact]
    public void Wrapping_a_var_keeps_its_binding_data_and_contributions_sum()
    {
        var var99 = new DeltaNormalVaR(VaRFactors.Create(["BTC"], [0.03], new double[,] { { 1 } }));
        var addOns = new LiquidityAddOns([new ConcentrationRule("BTC", LiquidityReference.OpenInterest, 1e6, ConcentrationSchedule.SquareRoot(0, 0.05))], defaultSpread: new CloseOutSpread(0.001));
        ResolvedPortfolio book = Resolve(new Position(new Perpetual(Btc), 50));
        MarginResult r = new LiquidityAddOnModel(var99, addOns).Calculate(book);
        double n = 50 * 60_000.0, expected = var99.Calculate(book).InitialMargin + (0.05 * Math.Sqrt(n / 1e6) * n) + (0.001 * n);
        Assert.Equal(expected, r.InitialMargin, 1e-6);
        Assert.Equal(r.InitialMargin, r.Contributions.Sum(c => c.Initial), 1e-6);
        Assert.Contains("+ liquidity add-ons", r.Model, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_rules_are_refused()
    {
        var rule = new ConcentrationRule("BTC", LiquidityReference.AverageDailyVolume, 1, ConcentrationSchedule.SquareRoot(0, 0.1));
        Assert.Throws<ArgumentException>(() => new LiquidityAddOns([rule, rule]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LiquidityAddOns([rule with { ReferenceNotional = 0 }]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LiquidityAddOns(defaultSpread: new CloseOutSpread(DeltaOne: 1)));
    }
}
