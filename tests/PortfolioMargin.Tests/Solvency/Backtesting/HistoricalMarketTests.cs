using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Solvency;
using Xunit;

namespace PortfolioMargin.Tests.Solvency.Backtesting;

/// <summary>The historical market: EWMA vols (the EWMA-HULL example), snapshots and what the report says about the vols.</summary>
public sealed class HistoricalMarketTests
{
    private static readonly Underlying Btc = CryptoDaily.Btc;

    [Fact]
    public void Ewma_vol_follows_the_hull_update_EWMA_HULL()
    {
        // Two seed returns of +1 % give sigma 1 %; then a +2 % return with lambda 0.90 gives sigma 1.1402 % (lambda 0.94: 1.0863 %).
        double[] closes = [100, 101, 102.01, 102.01 * 1.02];
        foreach ((double lambda, double expected) in new[] { (0.90, 0.011402), (0.94, 0.010863) })
        {
            var market = new HistoricalMarket(SyntheticHistory.Build(new Dictionary<string, double[]> { ["BTC"] = closes }), [Btc],
                new HistoricalMarketOptions { Volatility = VolatilitySource.Ewma(lambda, seedDays: 2) });
            Assert.Equal(2, market.FirstUsableIndex);
            Assert.Equal(0.01, market.Volatility("BTC", 2) / Math.Sqrt(365), 1e-12);
            Assert.Equal(expected, market.Volatility("BTC", 3) / Math.Sqrt(365), 5e-7);
            Assert.Throws<ArgumentOutOfRangeException>(() => market.Snapshot(1, Portfolio.Empty));
        }
    }

    [Fact]
    public void A_snapshot_has_spot_at_the_close_forwards_for_the_positions_expiries_flat_vols_and_rates()
    {
        var market = new HistoricalMarket(CryptoDaily.History, [Btc, CryptoDaily.Eth], new HistoricalMarketOptions { Carry = 0.05, Rate = 0.01 });
        int i = CryptoDaily.History.IndexOf(new DateOnly(2020, 3, 12));
        DateTimeOffset expiry = market.ValuationTime(i).AddDays(73);
        var option = new EuropeanOption(Btc, OptionRight.Put, 4_000, expiry);
        MarketSnapshot m = market.Snapshot(i, new Portfolio(new Position(option, 1)));
        Assert.Equal(4970.7880859375, m.Spot(Btc));
        Assert.Equal(4970.7880859375 * Math.Exp(0.05 * 0.2), m.Forward(Btc, expiry), 1e-9);
        Assert.Equal(market.Volatility("BTC", i), m.Volatility(option));
        Assert.Equal(0.01, m.Rate(Currency.Usd));
        Assert.Equal(new DateTimeOffset(2020, 3, 12, 0, 0, 0, TimeSpan.Zero), m.ValuationTime);
        Assert.Contains("EWMA of the same history (no vol history given)", market.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_vols_are_used_and_a_missing_one_is_named()
    {
        DateOnly day = SyntheticHistory.Start.AddDays(1);
        var vols = new Dictionary<string, IReadOnlyDictionary<DateOnly, double>> { ["BTC"] = new Dictionary<DateOnly, double> { [day] = 0.8 } };
        var market = new HistoricalMarket(SyntheticHistory.Build(new Dictionary<string, double[]> { ["BTC"] = [1, 2, 3] }), [Btc],
            new HistoricalMarketOptions { Volatility = VolatilitySource.History(vols, "DVOL") });
        Assert.Equal(0.8, market.Volatility("BTC", 1));
        Assert.Contains("given vol history 'DVOL'", market.Description, StringComparison.Ordinal);
        Assert.Contains("2024-01-03", Assert.Throws<MissingMarketDataException>(() => market.Volatility("BTC", 2)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => VolatilitySource.Constant(new Dictionary<string, double> { ["BTC"] = -1 }));
    }

    [Fact]
    public void An_underlying_the_history_lacks_is_refused()
    {
        var sol = new Underlying("SOL", new Currency("SOL"), Currency.Usd);
        Assert.Contains("no series for underlying 'SOL'", Assert.Throws<ArgumentException>(() => new HistoricalMarket(CryptoDaily.History, [sol])).Message, StringComparison.Ordinal);
    }
}
