using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models.Okx;
using PortfolioMargin.Portfolios;
using Xunit;

namespace PortfolioMargin.Tests.Models.Okx;

/// <summary>
/// OKX's published numbers: OKX-POSITION-BUILDER (position-builder API example, 2025-01-15: a short BTC-USDT and a
/// long LTC-USDT perpetual) and OKX-MR7-2021 (the minimum-charge scaling example). OKX states MR1 on one price base
/// (mr1/0.12 = 9703.4243706 USD for the BTC unit) and MR4, MR7 on another (|delta| = 9704.9036898 USD): one snapshot
/// cannot hold both, so MR1 and MR6 are reproduced through the model on a snapshot whose USDT→USD rate gives the
/// MR1 base, and MR4, MR7, MMR and IMR from the published delta with the parameter file's rates and OKX's aggregation.
/// </summary>
public sealed class OkxPublishedExamplesTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1736936801642);

    private static OkxUnitResult Unit(string symbol, double mark, double contracts, double contractValue, double mr1Base)
    {
        var u = new Underlying(symbol, new Currency(symbol), Currency.Usdt);
        var market = new MarketSnapshot(Now, Currency.Usd).WithSpot(u, mark).WithFxRate(Currency.Usdt, mr1Base / Math.Abs(contracts * contractValue * mark));
        var book = new Portfolio(new Position(new Perpetual(u, multiplier: contractValue, name: $"{symbol}-USDT-SWAP"), contracts));
        return OkxModel.Default.CalculateDetailed(ResolvedPortfolio.Resolve(book, market)).Units.Single();
    }

    private static void Near(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-12 * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected:R}, got {actual:R}");

    [Fact]
    public void OKX_POSITION_BUILDER_BTC_unit_MR1_grid_and_MR6()
    {
        OkxUnitResult r = Unit("BTC", 97093.7, -10, 0.01, 1164.4109244719994 / 0.12);
        double[] published = [1164.4109244719994, 776.2739496480004, 388.1369748240002, 0, -388.1369748240002, -776.2739496480004, -1164.4109244719994];
        for (int k = 0; k < published.Length; k++)
        {
            for (int leg = 0; leg < 3; leg++)
            {
                Near(published[k], r.Mr1Scenarios[(3 * k) + leg], $"mr1Scenarios[{r.Mr1ScenarioIds[(3 * k) + leg]}]");
            }
        }

        Near(1164.4109244719994, r.Mr1, "mr1");
        Assert.Equal("MR1+12.0%_VU", r.Binding);                                  // spotShock 0.12, volShock up
        Near(-2328.8218489440005, r.Mr6Pnl, "mr6FinalResult pnl at +24 %");
        Near(1164.4109244720003, r.Mr6, "mr6");
        Assert.Equal(0, r.Mr2);
        Near(0.002, r.Mr4 / (1164.4109244719994 / 0.12), "MR4 rate");
        Near(0.0045, r.Mr7Raw / (1164.4109244719994 / 0.12), "MR7 rate");
    }

    [Fact]
    public void OKX_POSITION_BUILDER_LTC_unit_MR1_grid_and_MR6()
    {
        OkxUnitResult r = Unit("LTC", 102, 10, 1, 61.168909352399936 / 0.06);
        Near(183.50672805719995, r.Mr1, "mr1");
        Assert.Equal("MR1-18.0%_VU", r.Binding);
        Near(-61.168909352399936, r.Mr1Scenarios[3 * 2], "mr1Scenarios[-6 %]");
        Near(122.33781870480001, r.Mr1Scenarios[3 * 5], "mr1Scenarios[+12 %]");
        Near(-367.0134561144, r.Mr6Pnl, "mr6FinalResult pnl at -36 %");
        Near(183.5067280572, r.Mr6, "mr6");
    }

    [Fact]
    public void OKX_POSITION_BUILDER_MR4_MR7_MMR_IMR_from_the_published_delta()
    {
        OkxParameters p = OkxParameters.Default;
        const double BtcDelta = 9704.903689800001, LtcDelta = 1019.5308;
        Near(19.4098073796, p.For("BTC").BasisRate(0) * BtcDelta, "BTC mr4");
        Near(43.67206660410001, p.For("BTC").MinimumChargeRate * BtcDelta, "BTC mr7");
        Near(8.1562464, p.For("LTC").BasisRate(0) * LtcDelta, "LTC mr4");
        Near(7.1367156, p.For("LTC").MinimumChargeRate * LtcDelta, "LTC mr7");
        double btcMmr = OkxParameters.MaintenanceOf(1164.4109244719994, 0, 0, 19.4098073796, 0, 1164.4109244720003, 43.67206660410001, 0);
        double ltcMmr = OkxParameters.MaintenanceOf(183.50672805719995, 0, 0, 8.1562464, 0, 183.5067280572, 7.1367156, 0);
        Near(1183.8207318516002, btcMmr, "BTC mmr");
        Near(191.6629744572, ltcMmr, "LTC mmr");
        Near(1538.96695140708, p.InitialToMaintenance * 1183.8207318516002, "BTC imr");
        Near(249.16186679436, p.InitialToMaintenance * 191.6629744572, "LTC imr");
        Near(1375.4837063088003, btcMmr + ltcMmr, "derivMmr");
    }

    [Fact]
    public void OKX_MR7_2021_tiered_minimum_charge_30000_scales_to_50000_and_binds()
    {
        var old = new OkxUnitParameters([0], [new(0, 0, 0)], 0, 0.3, 0.5, 0, 0, 0,
            [new(0, 1), new(10_000, 2), new(70_000, 4), new(170_000, 6), new(300_000, 8), new(470_000, 10), new(700_000, 12)]);
        Assert.Equal(50_000, old.ScaleMinimumCharge(30_000), 9);
        Assert.Equal(50_000, OkxParameters.MaintenanceOf(40_000, 0, 0, 0, 0, 0, old.ScaleMinimumCharge(30_000), 0), 9);
        Assert.Equal(10_000 + (60_000 * 2) + (100_000 * 4) + (130_000 * 6) + (100_000 * 8), old.ScaleMinimumCharge(400_000), 9);
    }
}
