using PortfolioMargin;
using PortfolioMargin.Instruments;
using PortfolioMargin.Portfolios;
using PortfolioMargin.RealTime;
using QuickStart;

namespace Solvency;

/// <summary>
/// A synthetic venue on the default book's market: 16 accounts in 7 members — hedged desks holding the default book,
/// directional traders on thin collateral, option sellers, a basis trader, coin-margined accounts.
/// </summary>
internal static class SyntheticVenue
{
    public static IReadOnlyList<Account> Accounts()
    {
        Underlying btc = DefaultBook.Btc, eth = DefaultBook.Eth;
        var btcCall = new EuropeanOption(btc, OptionRight.Call, 110_000, DefaultBook.Mar, OptionSettlement.Inverse);
        var btcPut = new EuropeanOption(btc, OptionRight.Put, 80_000, DefaultBook.Dec, OptionSettlement.Inverse);
        var ethPut = new EuropeanOption(eth, OptionRight.Put, 3_000, DefaultBook.Dec);
        var ethCall = new EuropeanOption(eth, OptionRight.Call, 4_000, DefaultBook.Mar);
        Portfolio book = DefaultBook.Portfolio();
        static CollateralBalance Usd(double x) => new(Currency.Usd, x);
        static CollateralBalance Btc(double x) => new(Currency.Btc, x, 0.10);
        static CollateralBalance Eth(double x) => new(Currency.Eth, x, 0.15);
        return
        [
            new("desk-A1", book, [Usd(60_000), Btc(3), Eth(20)]),
            new("desk-A2", new Portfolio(book.Positions.Select(p => p.Scale(2))), [Usd(150_000), Btc(4)]),
            new("desk-B1", new Portfolio(book.Positions.Select(p => p.Scale(0.5))), [Usd(40_000)]),
            new("trend-1", new Portfolio(new Position(new Perpetual(btc), 12)), [Usd(180_000)]),
            new("trend-2", new Portfolio(new Position(new Perpetual(btc), 8), new Position(new Perpetual(eth), 150)), [Usd(120_000)]),
            new("trend-3", new Portfolio(new Position(new Perpetual(eth), -400)), [Usd(190_000)]),
            new("trend-4", new Portfolio(new Position(new Perpetual(btc, inverse: true, multiplier: 10), 90_000)), [Btc(1.5)]),
            new("vol-seller-1", new Portfolio(new Position(btcPut, -25), new Position(btcCall, -25)), [Btc(6)]),
            new("vol-seller-2", new Portfolio(new Position(ethPut, -300), new Position(ethCall, -300)), [Usd(250_000), Eth(60)]),
            new("basis-1", new Portfolio(new Position(new SpotInstrument(btc), 20), new Position(new Future(btc, DefaultBook.Mar, inverse: true, multiplier: 100), -19_400)), [Usd(50_000)]),
            new("coin-1", new Portfolio(new Position(new Perpetual(btc, inverse: true, multiplier: 10), -50_000)), [Btc(7)]),
            new("coin-2", new Portfolio(new Position(new Future(eth, DefaultBook.Dec), 500)), [Eth(120)]),
            new("retail-1", new Portfolio(new Position(new Perpetual(btc), 1.5)), [Usd(20_000)]),
            new("retail-2", new Portfolio(new Position(new Perpetual(eth), -30)), [Usd(14_000)]),
            new("retail-3", new Portfolio(new Position(btcCall, 4), new Position(new Perpetual(btc), -0.8)), [Usd(9_000)]),
            new("retail-4", new Portfolio(new Position(new Perpetual(eth), 60)), [Eth(8)]),
        ];
    }

    /// <summary>Members: the house desks, two prop firms, two brokers' client pools, and an omnibus of retail accounts.</summary>
    public static IReadOnlyDictionary<string, string> Members() => new Dictionary<string, string>
    {
        ["desk-A1"] = "House-A", ["desk-A2"] = "House-A", ["desk-B1"] = "House-B",
        ["trend-1"] = "Prop-1", ["trend-2"] = "Prop-1", ["trend-3"] = "Prop-2", ["trend-4"] = "Prop-2",
        ["vol-seller-1"] = "Broker-1", ["vol-seller-2"] = "Broker-1", ["basis-1"] = "Broker-2", ["coin-1"] = "Broker-2", ["coin-2"] = "Broker-2",
        ["retail-1"] = "Retail", ["retail-2"] = "Retail", ["retail-3"] = "Retail", ["retail-4"] = "Retail",
    };
}
