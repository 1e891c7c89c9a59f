using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models;
using PortfolioMargin.Models.Bybit;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Pricing;
using Xunit;

namespace PortfolioMargin.Tests.Models.Bybit;

/// <summary>
/// BYBIT-SPREAD-EXAMPLE (Bybit help centre, bear put spread: BTC 20,250; −1 × 18,500 P marked 290, +1 × 20,000 P
/// marked 750; MM 434.65, contingency 0, IM printed as "4…"). Bybit publishes neither the valuation time nor the
/// scenario parameters of 2022, so only what the example fixes is tested: no contingency, MM = maximum loss bounded by
/// the spread's value (460), and the IM factor consistent with an IM that starts with 4. The book is valued one week
/// before expiry with vols implied from the marks (an assumption of the test).
/// </summary>
public sealed class BybitPublishedExampleTests
{
    private static readonly Underlying Btc = new("BTC", Currency.Btc, Currency.Usd);
    private static readonly DateTimeOffset Expiry = new(2022, 7, 22, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = Expiry.AddDays(-7);

    /// <summary>Black-76 implied vol (r = 0) by bisection.</summary>
    private static double ImpliedVol(double price, double forward, double strike, double years)
    {
        double lo = 1e-4, hi = 5;
        for (int k = 0; k < 200; k++)
        {
            double mid = 0.5 * (lo + hi);
            if (Black76.Price(OptionRight.Put, forward, strike, years, 0, mid) > price)
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }

        return 0.5 * (lo + hi);
    }

    internal static BybitResult Run()
    {
        double t = 7 / 365.0;
        var market = new MarketSnapshot(Now, Currency.Usd).WithSpot(Btc, 20_250).WithForward(Btc, Expiry, 20_250).WithRate(Currency.Usd, 0)
            .WithVolSurface(Btc, VolSurface.Smile([(Expiry, new[] { 18_500.0, 20_000 }, new[] { ImpliedVol(290, 20_250, 18_500, t), ImpliedVol(750, 20_250, 20_000, t) })]));
        var book = new Portfolio(
            new Position(new EuropeanOption(Btc, OptionRight.Put, 18_500, Expiry, name: "BTC-22JUL22-18500-P"), -1),
            new Position(new EuropeanOption(Btc, OptionRight.Put, 20_000, Expiry, name: "BTC-22JUL22-20000-P"), 1));
        return BybitModel.Default.CalculateDetailed(ResolvedPortfolio.Resolve(book, market));
    }

    [Fact]
    public void BYBIT_SPREAD_EXAMPLE_contingency_is_zero_and_MM_is_the_maximum_loss_within_the_spread_value()
    {
        BybitResult r = Run();
        BybitUnitResult u = r.Units.Single();
        Assert.Equal(0, u.ShortOption + u.VegaSpread + u.DeltaSpread + u.Futures);
        Assert.Equal(u.MaximumLoss, r.Result.MaintenanceMargin, 9);
        Assert.InRange(u.MaximumLoss, 1, 750 - 290);
        Assert.InRange(434.65, 1, 750 - 290);
    }

    [Fact]
    public void BYBIT_SPREAD_EXAMPLE_IM_factor_makes_the_published_IM_start_with_4()
    {
        double im = 434.65 * BybitParameters.Default.For("BTC").InitialFactor;
        Assert.InRange(im, 400, 499.99);
        MarginResult r = Run().Result;
        Assert.Equal(BybitParameters.Default.For("BTC").InitialFactor * r.MaintenanceMargin, r.InitialMargin, 9);
    }
}
