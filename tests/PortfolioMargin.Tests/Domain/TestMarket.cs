using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;

namespace PortfolioMargin.Tests.Domain;

/// <summary>A small BTC/ETH market used across tests.</summary>
internal static class TestMarket
{
    public static readonly DateTimeOffset Now = new(2026, 1, 2, 8, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Mar = new(2026, 3, 27, 8, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Jun = new(2026, 6, 26, 8, 0, 0, TimeSpan.Zero);
    public static readonly Underlying Btc = new("BTC", Currency.Btc, Currency.Usd);
    public static readonly Underlying Eth = new("ETH", Currency.Eth, Currency.Usd);

    public static MarketSnapshot Snapshot() =>
        new MarketSnapshot(Now, Currency.Usd)
            .WithSpot(Btc, 60_000).WithForward(Btc, Mar, 61_000).WithForward(Btc, Jun, 62_000)
            .WithSpot(Eth, 3_000).WithForward(Eth, Mar, 3_050)
            .WithVolSurface(Btc, VolSurface.Flat(0.60)).WithVolSurface(Eth, VolSurface.Flat(0.75))
            .WithRate(Currency.Usd, 0.0);
}
