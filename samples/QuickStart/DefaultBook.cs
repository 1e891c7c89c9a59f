using PortfolioMargin;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Portfolios;

namespace QuickStart;

/// <summary>
/// The embedded default book: a BTC/ETH desk holding spot, linear and inverse perpetuals, dated futures and linear
/// and inverse (Deribit-style) options, with a market snapshot to value it against. Prices are illustrative.
/// </summary>
internal static class DefaultBook
{
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Dec = new(2026, 12, 25, 8, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Mar = new(2027, 3, 26, 8, 0, 0, TimeSpan.Zero);
    public static readonly Underlying Btc = new("BTC", Currency.Btc, Currency.Usd);
    public static readonly Underlying Eth = new("ETH", Currency.Eth, Currency.Usd);

    public static MarketSnapshot Market() =>
        new MarketSnapshot(Now, Currency.Usd)
            .WithSpot(Btc, 95_000).WithForward(Btc, Dec, 95_600).WithForward(Btc, Mar, 97_400)
            .WithSpot(Eth, 3_400).WithForward(Eth, Dec, 3_420).WithForward(Eth, Mar, 3_480)
            .WithVolSurface(Btc, VolSurface.Smile([
                (Dec, new[] { 80_000.0, 95_000, 110_000 }, new[] { 0.58, 0.52, 0.55 }),
                (Mar, new[] { 80_000.0, 95_000, 110_000 }, new[] { 0.60, 0.55, 0.57 }),
            ]))
            .WithVolSurface(Eth, VolSurface.TermStructure([new(Dec, 0.68), new(Mar, 0.70)]))
            .WithRate(Currency.Usd, 0.0);

    public static Portfolio Portfolio()
    {
        var btcCall = new EuropeanOption(Btc, OptionRight.Call, 110_000, Mar, OptionSettlement.Inverse);
        var btcPut = new EuropeanOption(Btc, OptionRight.Put, 80_000, Dec, OptionSettlement.Inverse);
        var ethCall = new EuropeanOption(Eth, OptionRight.Call, 4_000, Mar, OptionSettlement.Linear);
        var ethPut = new EuropeanOption(Eth, OptionRight.Put, 3_000, Dec, OptionSettlement.Linear);
        return new Portfolio(
            new Position(new SpotInstrument(Btc), 2.0),                                   // 2 BTC held
            new Position(new Perpetual(Btc, inverse: true, multiplier: 10), -19_000),      // short 190k USD inverse perp: hedges the spot
            new Position(new Future(Btc, Mar), 1.5),                                        // long March linear future
            new Position(new Future(Btc, Dec, inverse: true, multiplier: 100), -1_400),   // short Dec inverse future: calendar spread
            new Position(btcCall, -3),                                                       // covered calls
            new Position(btcPut, 2),                                                         // protective puts
            new Position(new Perpetual(Eth), 25),                                            // long ETH linear perp
            new Position(ethCall, -20),                                                      // short ETH calls against it
            new Position(ethPut, -15));                                                      // short ETH puts
    }
}
