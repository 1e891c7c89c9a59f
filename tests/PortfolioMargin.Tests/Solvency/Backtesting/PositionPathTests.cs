using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Solvency;
using Xunit;

namespace PortfolioMargin.Tests.Solvency.Backtesting;

/// <summary>The re-struck book: same tenor, same moneyness to spot, quantities by the scaling rule.</summary>
public sealed class PositionPathTests
{
    private static readonly Underlying Btc = CryptoDaily.Btc;
    private static readonly DateTimeOffset RefTime = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    private static readonly Portfolio Reference = new(
        new Position(new SpotInstrument(Btc), 2),
        new Position(new Perpetual(Btc, inverse: true, multiplier: 10), -19_000),
        new Position(new Future(Btc, RefTime.AddDays(30)), 1.5),
        new Position(new EuropeanOption(Btc, OptionRight.Call, 110_000, RefTime.AddDays(120), OptionSettlement.Inverse), -3));

    private static MarketSnapshot Spot(DateTimeOffset time, double spot) => new MarketSnapshot(time, Currency.Usd).WithSpot(Btc, spot);

    [Theory]
    [InlineData(RestruckScaling.ConstantNotional, 10.0, 1.0)]
    [InlineData(RestruckScaling.ConstantQuantity, 1.0, 0.1)]
    public void Restruck_keeps_tenor_and_moneyness_and_scales_quantities(RestruckScaling scaling, double coinScale, double faceScale)
    {
        PositionPath path = PositionPath.Restruck(Reference, Spot(RefTime, 100_000), scaling);
        DateTimeOffset then = new(2018, 6, 1, 0, 0, 0, TimeSpan.Zero);
        Portfolio p = path.At(DateOnly.FromDateTime(then.UtcDateTime), Spot(then, 10_000));
        Assert.Equal(2 * coinScale, p[0].Quantity, 1e-12);
        Assert.Equal(-19_000 * faceScale, p[1].Quantity, 1e-9);
        Assert.Equal(then.AddDays(30), p[2].Instrument.Expiry);
        Assert.Equal(1.5 * coinScale, p[2].Quantity, 1e-12);
        var call = Assert.IsType<EuropeanOption>(p[3].Instrument);
        Assert.Equal((11_000.0, then.AddDays(120), OptionSettlement.Inverse, OptionRight.Call), (call.Strike, call.ExpiryTime, call.Settlement, call.Right), new ToleranceComparer());
        Assert.Equal(-3 * coinScale, p[3].Quantity, 1e-12);
        Assert.Contains("same tenors, same moneyness to spot", path.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reference_instrument_already_expired_is_refused()
    {
        var expired = new Portfolio(new Position(new Future(Btc, RefTime.AddDays(-1)), 1));
        Assert.Contains("has no tenor", Assert.Throws<ArgumentException>(() => PositionPath.Restruck(expired, Spot(RefTime, 1))).Message, StringComparison.Ordinal);
    }

    private sealed class ToleranceComparer : IEqualityComparer<(double, DateTimeOffset, OptionSettlement, OptionRight)>
    {
        public bool Equals((double, DateTimeOffset, OptionSettlement, OptionRight) x, (double, DateTimeOffset, OptionSettlement, OptionRight) y) =>
            Math.Abs(x.Item1 - y.Item1) < 1e-9 && x.Item2 == y.Item2 && x.Item3 == y.Item3 && x.Item4 == y.Item4;

        public int GetHashCode((double, DateTimeOffset, OptionSettlement, OptionRight) obj) => 0;
    }
}
