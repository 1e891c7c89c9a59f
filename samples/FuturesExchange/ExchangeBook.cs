using PortfolioMargin;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Portfolios;

namespace FuturesExchange;

/// <summary>
/// The embedded book of a futures broker's client: quarterly equity-index futures and options on two indices
/// (ES-style, 50 per point; NQ-style, 20 per point) and monthly crude-oil futures and options (CL-style, 1,000
/// barrels), with a market snapshot. Contract specs are modelled on the listed products; prices and vols are
/// illustrative.
/// </summary>
internal static class ExchangeBook
{
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 21, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Dec = new(2026, 12, 18, 14, 30, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Mar = new(2027, 3, 19, 13, 30, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Jun = new(2027, 6, 18, 13, 30, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset ClFeb = new(2027, 1, 20, 19, 30, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset ClMay = new(2027, 4, 20, 18, 30, 0, TimeSpan.Zero);

    public static readonly Underlying Es = new("ES", new Currency("SPX"), Currency.Usd);
    public static readonly Underlying Nq = new("NQ", new Currency("NDX"), Currency.Usd);
    public static readonly Underlying Cl = new("CL", new Currency("WTI"), Currency.Usd);

    public const double EsMultiplier = 50;
    public const double NqMultiplier = 20;
    public const double ClMultiplier = 1_000;

    public static MarketSnapshot Market() =>
        new MarketSnapshot(Now, Currency.Usd)
            .WithSpot(Es, 6_000).WithForward(Es, Dec, 6_015).WithForward(Es, Mar, 6_068).WithForward(Es, Jun, 6_121)
            .WithSpot(Nq, 21_000).WithForward(Nq, Dec, 21_050).WithForward(Nq, Mar, 21_235).WithForward(Nq, Jun, 21_420)
            .WithSpot(Cl, 70).WithForward(Cl, ClFeb, 70.4).WithForward(Cl, ClMay, 69.6)
            .WithVolSurface(Es, VolSurface.Smile([
                (Dec, new[] { 5_600.0, 6_000, 6_400 }, new[] { 0.22, 0.16, 0.13 }),
                (Mar, new[] { 5_600.0, 6_000, 6_400 }, new[] { 0.21, 0.17, 0.15 }),
            ]))
            .WithVolSurface(Nq, VolSurface.Flat(0.21))
            .WithVolSurface(Cl, VolSurface.TermStructure([new(ClFeb, 0.34), new(ClMay, 0.31)]))
            .WithRate(Currency.Usd, 0.04);

    public static Portfolio Portfolio() => new(
        // Equity index: a long Dec / short Mar calendar spread, a Jun outright, short puts and a call spread.
        new Position(new Future(Es, Dec, multiplier: EsMultiplier, name: "ES Dec26"), 12),
        new Position(new Future(Es, Mar, multiplier: EsMultiplier, name: "ES Mar27"), -8),
        new Position(new Future(Es, Jun, multiplier: EsMultiplier, name: "ES Jun27"), 3),
        new Position(new EuropeanOption(Es, OptionRight.Put, 5_600, Mar, multiplier: EsMultiplier, name: "ES Mar27 5600 P"), -10),
        new Position(new EuropeanOption(Es, OptionRight.Call, 6_200, Dec, multiplier: EsMultiplier, name: "ES Dec26 6200 C"), 5),
        new Position(new EuropeanOption(Es, OptionRight.Call, 6_400, Dec, multiplier: EsMultiplier, name: "ES Dec26 6400 C"), -5),
        // A second index, short against the ES length: the inter-group spread.
        new Position(new Future(Nq, Dec, multiplier: NqMultiplier, name: "NQ Dec26"), -6),
        new Position(new Future(Nq, Mar, multiplier: NqMultiplier, name: "NQ Mar27"), -2),
        // Energy: a Feb/May crude calendar spread and short calls.
        new Position(new Future(Cl, ClFeb, multiplier: ClMultiplier, name: "CL Feb27"), 6),
        new Position(new Future(Cl, ClMay, multiplier: ClMultiplier, name: "CL May27"), -6),
        new Position(new EuropeanOption(Cl, OptionRight.Call, 80, ClFeb, multiplier: ClMultiplier, name: "CL Feb27 80 C"), -8));
}
