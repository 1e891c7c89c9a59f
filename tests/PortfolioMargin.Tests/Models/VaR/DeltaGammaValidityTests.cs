using PortfolioMargin.Correlation;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models;
using PortfolioMargin.Models.VaR;
using PortfolioMargin.Portfolios;
using Xunit;

namespace PortfolioMargin.Tests.Models.VaR;

/// <summary>
/// Issue 18 §4: near expiry the delta-gamma VaR grows without bound (gamma ∝ 1/(σ√T)) while the true loss stays at most
/// linear in the move. Books outside the quadratic approximation's validity (ratio of the quantile shock to the option's
/// remaining standard deviation above 1, <see cref="DeltaGammaOptions"/>) are reported (<c>DELTA_GAMMA_OUT_OF_RANGE</c>,
/// saying to use Monte Carlo) or, when asked, refused; Monte Carlo full revaluation is the second method.
/// </summary>
public sealed class DeltaGammaValidityTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
    private static readonly Underlying Btc = new("BTC", Currency.Btc, Currency.Usd);
    private static readonly VaRFactors Factors = VaRFactors.Create(CorrelationMatrix.Identity(["BTC"]), [0.55], VolatilityUnit.Annual, daysPerYear: 365);
    private static readonly MonteCarloVaR MonteCarlo = new(Factors, monteCarlo: new MonteCarloOptions { Paths = 200_000, Shock = PriceShock.Relative, Seed = 11 });

    /// <summary>Short 10 at-the-money calls and 10 puts (a delta-neutral short straddle, the worst case of the approximation) expiring after <paramref name="toExpiry"/>, vol 55 %.</summary>
    private static ResolvedPortfolio ShortStraddle(TimeSpan toExpiry)
    {
        DateTimeOffset expiry = Now + toExpiry;
        MarketSnapshot m = new MarketSnapshot(Now, Currency.Usd).WithSpot(Btc, 95_000).WithForward(Btc, expiry, 95_000)
            .WithVolSurface(Btc, VolSurface.Flat(0.55)).WithRate(Currency.Usd, 0);
        return ResolvedPortfolio.Resolve(new Portfolio(
            new Position(new EuropeanOption(Btc, OptionRight.Call, 95_000, expiry), -10),
            new Position(new EuropeanOption(Btc, OptionRight.Put, 95_000, expiry), -10)), m);
    }

    /// <summary><c>ρ = z·σ_daily·√h / (σ_impl·√T)</c>, computed here from its definition.</summary>
    private static double Ratio(TimeSpan toExpiry) => 2.3263478740408408 * (0.55 / Math.Sqrt(365)) / (0.55 * Math.Sqrt(toExpiry.TotalDays / 365));

    [Fact]
    public void The_issues_example_short_atm_options_one_minute_from_expiry_is_reported_and_monte_carlo_named()
    {
        ResolvedPortfolio book = ShortStraddle(TimeSpan.FromMinutes(1));
        MarginResult dg = new DeltaGammaVaR(Factors).Calculate(book);
        MarginResult mc = MonteCarlo.Calculate(book);

        // The issue: 1.6 M against a Monte Carlo 61 k for its book; here 2.9 M against 70 k.
        Assert.True(dg.InitialMargin > 20 * mc.InitialMargin, $"DG {dg.InitialMargin:N0}, MC {mc.InitialMargin:N0}");
        MarginDiagnostic d = Assert.Single(dg.Diagnostics, d => d.Code == "DELTA_GAMMA_OUT_OF_RANGE");
        Assert.Contains("for 2 option position(s)", d.Message, StringComparison.Ordinal);
        Assert.Contains("'-10 BTC-25NOV26-95000-C'", d.Message, StringComparison.Ordinal);
        Assert.Contains("1 minutes to expiry", d.Message, StringComparison.Ordinal);
        Assert.Contains($"ratio {Ratio(TimeSpan.FromMinutes(1)):G4}", d.Message, StringComparison.Ordinal);
        Assert.Contains("use MonteCarloVaR (full revaluation)", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refusing_is_an_option()
    {
        var strict = new DeltaGammaVaR(Factors, validity: new DeltaGammaOptions { RefuseOutsideValidity = true });
        ArgumentException e = Assert.Throws<ArgumentException>(() => strict.Calculate(ShortStraddle(TimeSpan.FromMinutes(1))));
        Assert.Contains("use MonteCarloVaR", e.Message, StringComparison.Ordinal);
        Assert.Contains("RefuseOutsideValidity", e.Message, StringComparison.Ordinal);
        Assert.Empty(strict.Calculate(ShortStraddle(TimeSpan.FromDays(90))).Diagnostics);
        Assert.Throws<ArgumentOutOfRangeException>(() => new DeltaGammaVaR(Factors, validity: new DeltaGammaOptions { MaxShockRatio = 0 }));
    }

    [Fact]
    public void A_book_within_the_validity_has_no_diagnostic_and_agrees_with_monte_carlo()
    {
        ResolvedPortfolio book = ShortStraddle(TimeSpan.FromDays(90));
        MarginResult dg = new DeltaGammaVaR(Factors).Calculate(book);
        double mc = MonteCarlo.Calculate(book).InitialMargin;
        Assert.DoesNotContain(dg.Diagnostics, d => d.Code == "DELTA_GAMMA_OUT_OF_RANGE");
        Assert.InRange(dg.InitialMargin / mc, 0.97, 1.03);
    }

    [Fact]
    public void The_bound_is_where_the_quantile_shock_equals_the_remaining_standard_deviation()
    {
        // With factor and implied vol equal, ρ = 1 at T = z²·h days = 5.41 days.
        double days = 2.3263478740408408 * 2.3263478740408408;
        var model = new DeltaGammaVaR(Factors);
        Assert.Contains(model.Calculate(ShortStraddle(TimeSpan.FromDays(days * 0.999))).Diagnostics, d => d.Code == "DELTA_GAMMA_OUT_OF_RANGE");
        Assert.DoesNotContain(model.Calculate(ShortStraddle(TimeSpan.FromDays(days * 1.001))).Diagnostics, d => d.Code == "DELTA_GAMMA_OUT_OF_RANGE");
        var looser = new DeltaGammaVaR(Factors, validity: new DeltaGammaOptions { MaxShockRatio = 2 });
        Assert.DoesNotContain(looser.Calculate(ShortStraddle(TimeSpan.FromDays(days * 0.999))).Diagnostics, d => d.Code == "DELTA_GAMMA_OUT_OF_RANGE");
    }

    [Theory]
    [InlineData(1.0, 1.20)]   // at the bound: the worst case (a delta-neutral short straddle) is 15 % above Monte Carlo
    [InlineData(0.5, 1.10)]   // half the bound: 7.5 %
    [InlineData(2.326, 1.80)] // one day to expiry (ρ = 2.3): 56 %, and it grows like ρ from there
    public void The_documented_error_of_the_worst_case_against_monte_carlo(double ratio, double atMost)
    {
        double days = Math.Pow(2.3263478740408408 / ratio, 2);
        ResolvedPortfolio book = ShortStraddle(TimeSpan.FromDays(days));
        double error = new DeltaGammaVaR(Factors).Calculate(book).InitialMargin / MonteCarlo.Calculate(book).InitialMargin;
        Assert.InRange(error, 1.0, atMost);
    }

    [Fact]
    public void The_error_grows_without_bound_towards_expiry_exactly_where_the_diagnostic_is()
    {
        double previous = 0;
        foreach (TimeSpan t in (TimeSpan[])[TimeSpan.FromDays(3), TimeSpan.FromDays(1), TimeSpan.FromHours(1), TimeSpan.FromMinutes(1)])
        {
            ResolvedPortfolio book = ShortStraddle(t);
            double error = new DeltaGammaVaR(Factors).Calculate(book).InitialMargin / MonteCarlo.Calculate(book).InitialMargin;
            Assert.True(error > previous, $"{t}: {error}");
            previous = error;
        }

        Assert.True(previous > 20);
    }

    [Fact]
    public void Delta_one_products_are_never_flagged()
    {
        DateTimeOffset expiry = Now.AddMinutes(1);
        MarketSnapshot m = new MarketSnapshot(Now, Currency.Usd).WithSpot(Btc, 95_000).WithForward(Btc, expiry, 95_000).WithRate(Currency.Usd, 0);
        var book = ResolvedPortfolio.Resolve(new Portfolio(
            new Position(new Future(Btc, expiry, inverse: true, multiplier: 100), -5_000),
            new Position(new Perpetual(Btc, inverse: true, multiplier: 10), 3_000),
            new Position(new Future(Btc, expiry), 2)), m);
        Assert.Empty(new DeltaGammaVaR(Factors).Calculate(book).Diagnostics);
    }
}
