using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Pricing;
using Xunit;

namespace PortfolioMargin.Tests.Kernels.Pricing;

/// <summary>Theta per day and vega per vol point against a published example and finite differences of the price.</summary>
public sealed class GreekUnitsTests
{
    [Fact]
    public void HULL_THETA_VEGA_theta_per_calendar_day_and_vega_per_vol_point()
    {
        // Hull, Options, Futures, and Other Derivatives (8th ed.), §19.5 and §19.8: a non-dividend stock call with
        // S=49, K=50, r=5%, σ=20%, T=20 weeks (0.3846 y): theta −4.31 a year = −0.0118 per calendar day;
        // vega 12.1 per 1.00 of vol, so a 1-point rise (20% → 21%) adds about 0.121.
        OptionGreeks call = BlackScholes.Greeks(OptionRight.Call, 49, 50, 0.3846, 0.05, 0.05, 0.20);
        Assert.Equal(-4.31, call.Theta, 0.005);
        Assert.Equal(-0.0118, call.ThetaPerDay(DayCount.Act365Fixed), 0.00005);
        Assert.Equal(12.1, call.Vega, 0.05);
        Assert.Equal(0.121, call.VegaPerVolPoint(), 0.0005);
    }

    [Theory]
    [InlineData(DayCount.Act365Fixed, 365.0)]
    [InlineData(DayCount.Act360, 360.0)]
    [InlineData(DayCount.Act36525, 365.25)]
    public void Theta_per_day_divides_by_the_day_count_year(DayCount dayCount, double days) =>
        Assert.Equal(-730.0 / days, GreekUnits.ThetaPerDay(-730.0, dayCount));

    [Fact]
    public void An_undefined_day_count_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => GreekUnits.ThetaPerDay(-1.0, (DayCount)9));

    [Fact]
    public void Position_figures_are_the_position_greeks_in_the_new_units()
    {
        var now = new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
        var mar = new DateTimeOffset(2027, 3, 26, 8, 0, 0, TimeSpan.Zero);
        var btc = new Underlying("BTC", Currency.Btc, Currency.Usd);
        var market = new MarketSnapshot(now, Currency.Usd, DayCount.Act360).WithSpot(btc, 95_000).WithForward(btc, mar, 97_400)
            .WithVolSurface(btc, VolSurface.Flat(0.55)).WithRate(Currency.Usd, 0.03);
        PositionValuation p = PortfolioValuation.Of(new Portfolio(new Position(new EuropeanOption(btc, OptionRight.Call, 110_000, mar), -2)), market).Positions[0];
        Assert.Equal(p.Theta / 360, p.ThetaPerDay(market.DayCount));
        Assert.Equal(p.Vega / 100, p.VegaPerVolPoint(), 1e-12 * Math.Abs(p.Vega));
    }

    private static readonly Gen<(int Strike, int Forward, int Days, int VolPercent)> Options =
        from strike in Gen.Choose(50, 200)
        from forward in Gen.Choose(60, 160)
        from days in Gen.Choose(10, 720)
        from vol in Gen.Choose(10, 150)
        select (strike, forward, days, vol);

    /// <summary>
    /// Second method: the Black-76 price one day later and one vol point higher, by central differences over a
    /// fraction of a day / point, agrees with the converted analytic greeks (to first order).
    /// </summary>
    [Property(MaxTest = 200)]
    public Property Converted_greeks_match_finite_differences_of_the_price() =>
        Prop.ForAll(Options.ToArbitrary(), o =>
        {
            double t = o.Days / 365.0, vol = o.VolPercent / 100.0;
            double Price(double tt, double v) => Black76.Price(OptionRight.Call, o.Forward, o.Strike, tt, 0.02, v);
            OptionGreeks g = Black76.Greeks(OptionRight.Call, o.Forward, o.Strike, t, 0.02, vol);
            const double h = 0.01; // a hundredth of a day, of a vol point
            double perDay = (Price(t - (h / 365.0), vol) - Price(t + (h / 365.0), vol)) / (2 * h);
            double perPoint = (Price(t, vol + (h * GreekUnits.VolPoint)) - Price(t, vol - (h * GreekUnits.VolPoint))) / (2 * h);
            double scale = 1e-6 * (1 + Math.Abs(g.Price));
            return Math.Abs(perDay - g.ThetaPerDay(DayCount.Act365Fixed)) < scale && Math.Abs(perPoint - g.VegaPerVolPoint()) < scale;
        });
}
