using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Pricing;
using Xunit;
using static PortfolioMargin.Tests.Domain.TestMarket;

namespace PortfolioMargin.Tests.Domain;

public sealed class DomainModelTests
{
    [Fact]
    public void Instruments_have_readable_names_and_settlement_currencies()
    {
        var call = new EuropeanOption(Btc, OptionRight.Call, 65_000, Mar, OptionSettlement.Inverse);
        Assert.Equal("BTC-27MAR26-65000-C-INV", call.Name);
        Assert.Equal(Currency.Btc, call.SettlementCurrency);
        Assert.Equal(InstrumentKind.InverseOption, call.Kind);
        Assert.Equal(Currency.Usd, new Future(Btc, Mar).SettlementCurrency);
        Assert.Equal(Currency.Btc, new Perpetual(Btc, inverse: true, multiplier: 10).SettlementCurrency);
        Assert.Equal("ETH-PERP", new Perpetual(Eth).Name);
        Assert.Equal(new Future(Btc, Mar), new Future(Btc, Mar));
    }

    [Fact]
    public void Invalid_terms_are_rejected_with_the_offending_value()
    {
        Assert.Contains("multiplier", Assert.Throws<ArgumentOutOfRangeException>(() => new Future(Btc, Mar, multiplier: -1)).Message, StringComparison.Ordinal);
        Assert.Contains("strike", Assert.Throws<ArgumentOutOfRangeException>(() => new EuropeanOption(Btc, OptionRight.Put, -5, Mar)).Message, StringComparison.Ordinal);
        Assert.Contains("BTC-PERP", Assert.Throws<ArgumentOutOfRangeException>(() => new Position(new Perpetual(Btc), double.NaN)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Position(new Perpetual(Btc), 1e15));
        Assert.Throws<ArgumentException>(() => new Currency("usd"));
        Assert.Throws<ArgumentException>(() => new Underlying("X", Currency.Usd, Currency.Usd));
        Assert.Throws<ArgumentOutOfRangeException>(() => Snapshot().WithSpot(Btc, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => VolSurface.Flat(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => VolSurface.Flat(-0.2));
    }

    [Fact]
    public void Missing_market_data_names_the_instrument_and_the_field()
    {
        var sep = new DateTimeOffset(2026, 9, 25, 8, 0, 0, TimeSpan.Zero);
        var future = new Future(Btc, sep);
        var ex = Assert.Throws<MissingMarketDataException>(() => ResolvedPortfolio.Resolve(new Portfolio(new Position(future, 1)), Snapshot()));
        Assert.Equal("BTC-25SEP26", ex.Item);
        Assert.Contains("forward price", ex.Field, StringComparison.Ordinal);

        var sol = new Underlying("SOL", new Currency("SOL"), Currency.Usd);
        ex = Assert.Throws<MissingMarketDataException>(() => ResolvedPortfolio.Resolve(new Portfolio(new Position(new SpotInstrument(sol), 1)), Snapshot()));
        Assert.Contains("spot price", ex.Message, StringComparison.Ordinal);

        var noVol = new MarketSnapshot(Now, Currency.Usd).WithSpot(Btc, 60_000).WithForward(Btc, Mar, 61_000).WithRate(Currency.Usd, 0);
        ex = Assert.Throws<MissingMarketDataException>(() => ResolvedPortfolio.Resolve(new Portfolio(new Position(new EuropeanOption(Btc, OptionRight.Call, 60_000, Mar), 1)), noVol));
        Assert.Equal("BTC-27MAR26-60000-C", ex.Item);
        Assert.Contains("implied volatility", ex.Field, StringComparison.Ordinal);

        var eurReport = new MarketSnapshot(Now, new Currency("EUR")).WithSpot(Btc, 60_000);
        ex = Assert.Throws<MissingMarketDataException>(() => ResolvedPortfolio.Resolve(new Portfolio(new Position(new Perpetual(Btc), 1)), eurReport));
        Assert.Contains("conversion rate USD->EUR", ex.Field, StringComparison.Ordinal);
    }

    [Fact]
    public void Expired_instruments_are_rejected()
    {
        var old = new Future(Btc, Now.AddDays(-1));
        var ex = Assert.Throws<ArgumentException>(() => ResolvedPortfolio.Resolve(new Portfolio(new Position(old, 1)), Snapshot().WithForward(Btc, old.ExpiryTime, 1)));
        Assert.Contains("expired", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolution_flattens_positions_into_arrays()
    {
        var call = new EuropeanOption(Btc, OptionRight.Call, 65_000, Mar, OptionSettlement.Inverse);
        var p = new Portfolio(new Position(new Perpetual(Btc), -2), new Position(call, 3), new Position(new Future(Eth, Mar, multiplier: 0.1), 5));
        var r = ResolvedPortfolio.Resolve(p, Snapshot());
        Assert.Equal(3, r.Count);
        Assert.Equal(["BTC", "ETH"], r.Underlyings.Select(u => u.Symbol));
        Assert.Equal([0, 0, 1], r.UnderlyingIndex.ToArray());
        Assert.Equal([60_000.0, 61_000.0, 3_050.0], r.Price.ToArray());
        Assert.Equal([0.0, 1.0, 0.0], r.Omega.ToArray());
        Assert.Equal([1.0, 60_000.0, 1.0], r.SettlementToReport.ToArray()); // BTC->USD from the BTC spot
        Assert.Equal(84.0 / 365.0, r.Time[1], 1e-15);
        Assert.Equal(0.60, r.Vol[1]);
    }

    [Fact]
    public void Valuation_reports_value_and_greeks_in_settlement_currency()
    {
        var call = new EuropeanOption(Btc, OptionRight.Call, 65_000, Mar, OptionSettlement.Inverse);
        var p = new Portfolio(new Position(new SpotInstrument(Btc), 0.5), new Position(call, 2), new Position(new Future(Btc, Mar, inverse: true, multiplier: 10), 100));
        PortfolioValuation v = PortfolioValuation.Of(p, Snapshot());
        Assert.Equal(30_000, v.Positions[0].Value);
        OptionGreeks g = InverseOption.CoinGreeks(OptionRight.Call, 61_000, 65_000, 84 / 365.0, 0, 0.6);
        Assert.Equal(2 * g.Price, v.Positions[1].Value, 1e-15);
        Assert.Equal(2 * g.Delta, v.Positions[1].Delta, 1e-15);
        Assert.Equal(2 * g.Price * 60_000, v.Positions[1].ValueInReport, 1e-9);
        Assert.Equal(1000.0 / 61_000, v.Positions[2].Delta, 1e-15); // inverse future: q·m/F coins
        Assert.Equal(30_000 + (2 * g.Price * 60_000), v.TotalValueInReport, 1e-9);
    }

    [Fact]
    public void Vol_term_structure_interpolates_total_variance()
    {
        var surface = VolSurface.TermStructure([new(Mar, 0.5), new(Jun, 0.7)]);
        double t1 = 84 / 365.0, t2 = 175 / 365.0;
        var may = new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero);
        double t = 119 / 365.0;
        double w = (t - t1) / (t2 - t1);
        double expected = Math.Sqrt((((1 - w) * 0.25 * t1) + (w * 0.49 * t2)) / t);
        Assert.Equal(expected, surface.Volatility(may, 1, Now), 1e-14);
        Assert.Equal(0.5, surface.Volatility(Now.AddDays(1), 1, Now));
        Assert.Equal(0.7, surface.Volatility(Jun.AddDays(30), 1, Now));
    }

    [Fact]
    public void Moving_the_valuation_time_keeps_the_data_keyed_by_expiry_and_shrinks_times()
    {
        var may = new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero);
        MarketSnapshot today = Snapshot().WithVolSurface(Btc, VolSurface.TermStructure([new(Mar, 0.5), new(Jun, 0.7)])).WithForward(Btc, may, 61_500);
        MarketSnapshot later = today.WithValuationTime(Now.AddDays(30));
        Assert.Equal(Now, today.ValuationTime); // the original is unchanged
        Assert.Equal(Now.AddDays(30), later.ValuationTime);
        Assert.Equal(today.ReportCurrency, later.ReportCurrency);
        Assert.Equal(today.DayCount, later.DayCount);
        // Spots, forwards per expiry, rates and conversion rates do not move.
        Assert.Equal(60_000, later.Spot(Btc));
        Assert.Equal(61_000, later.Forward(Btc, Mar));
        Assert.Equal(0.0, later.Rate(Currency.Usd));
        Assert.Equal(60_000, later.FxToReport(Currency.Btc));
        // Times to expiry shrink by the shift.
        Assert.Equal((84 - 30) / 365.0, later.YearFraction(Mar), 1e-15);
        // Vols at a listed expiry stay; between listed expiries the total variance is re-interpolated from the new instant.
        var mar = new EuropeanOption(Btc, OptionRight.Call, 60_000, Mar);
        var mayCall = new EuropeanOption(Btc, OptionRight.Call, 60_000, may);
        Assert.Equal(0.5, later.Volatility(mar));
        double t1 = 54 / 365.0, t2 = 145 / 365.0, t = 89 / 365.0, w = (t - t1) / (t2 - t1);
        Assert.Equal(Math.Sqrt((((1 - w) * 0.25 * t1) + (w * 0.49 * t2)) / t), later.Volatility(mayCall), 1e-14);
        Assert.NotEqual(today.Volatility(mayCall), later.Volatility(mayCall), 1e-6);
        // An instrument expiring before the new instant is refused on resolution; at the instant it has time 0.
        var soon = new Future(Btc, Now.AddDays(10));
        Assert.Throws<ArgumentException>(() => ResolvedPortfolio.Resolve(new Portfolio(new Position(soon, 1)), later.WithForward(Btc, soon.ExpiryTime, 60_000)));
        var atShift = new Future(Btc, Now.AddDays(30));
        Assert.Equal(0, ResolvedPortfolio.Resolve(new Portfolio(new Position(atShift, 1)), later.WithForward(Btc, atShift.ExpiryTime, 60_000)).Time[0]);
    }

    [Fact]
    public void Vol_smile_is_linear_in_log_strike_and_flat_outside()
    {
        var surface = VolSurface.Smile([(Mar, new[] { 50_000.0, 60_000, 80_000 }, new[] { 0.70, 0.60, 0.65 })]);
        double k = 70_000;
        double w = Math.Log(k / 60_000) / Math.Log(80_000.0 / 60_000);
        Assert.Equal(0.60 + (w * 0.05), surface.Volatility(Mar, k, Now), 1e-14);
        Assert.Equal(0.70, surface.Volatility(Mar, 10_000, Now));
        Assert.Equal(0.65, surface.Volatility(Mar, 200_000, Now));
        Assert.Throws<ArgumentException>(() => VolSurface.Smile([(Mar, new[] { 2.0, 1.0 }, new[] { 0.5, 0.5 })]));
    }

    [Fact]
    public void Day_count_conventions()
    {
        Assert.Equal(1.0, DayCount.Act365Fixed.YearFraction(Now, Now.AddDays(365)));
        Assert.Equal(1.0, DayCount.Act360.YearFraction(Now, Now.AddDays(360)));
        Assert.Equal(-1.0 / 365.25, DayCount.Act36525.YearFraction(Now, Now.AddDays(-1)), 1e-15);
    }

    [Fact]
    public void Empty_portfolio_resolves_to_nothing()
    {
        var r = ResolvedPortfolio.Resolve(Portfolio.Empty, Snapshot());
        Assert.Equal(0, r.Count);
        Assert.Equal(0, PortfolioValuation.Of(r).TotalValueInReport);
    }
}
