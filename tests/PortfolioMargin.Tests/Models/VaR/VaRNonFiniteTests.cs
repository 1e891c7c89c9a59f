using System.Collections.Immutable;
using PortfolioMargin.Correlation;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models;
using PortfolioMargin.Models.VaR;
using PortfolioMargin.Portfolios;
using Xunit;

namespace PortfolioMargin.Tests.Models.VaR;

/// <summary>
/// Issue 18 §4: a VaR model never turns a NaN or an infinity into a margin of 0 ("a gain"). Exposures that overflow,
/// a variance or moments that overflow, and a position that revalues to a non-finite value in a Monte Carlo path or a
/// historical day are refused with an <see cref="ArgumentException"/> naming the position (and the path or day).
/// </summary>
public sealed class VaRNonFiniteTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
    private static readonly Underlying Big = new("BIG", new Currency("BIG"), Currency.Usd);

    private static VaRFactors Factors(double dailyVol = 0.03) => VaRFactors.Create(CorrelationMatrix.Identity(["BIG"]), [dailyVol]);

    private static ResolvedPortfolio Book(double spot, params Position[] positions) =>
        ResolvedPortfolio.Resolve(new Portfolio(positions), new MarketSnapshot(Now, Currency.Usd).WithSpot(Big, spot).WithRate(Currency.Usd, 0));

    private static readonly IMarginModel[] Models =
    [
        new DeltaNormalVaR(Factors()),
        new DeltaGammaVaR(Factors()),
        new MonteCarloVaR(Factors(), monteCarlo: new MonteCarloOptions { Paths = 1_000 }),
        new HistoricalVaR(["BIG"], new double[,] { { 0.01 }, { -0.02 }, { 0.03 } }),
    ];

    public static TheoryData<int> ModelIndex => [.. Enumerable.Range(0, Models.Length)];

    [Theory]
    [MemberData(nameof(ModelIndex))]
    public void An_exposure_that_overflows_is_refused_naming_the_position_not_margined_to_0(int model)
    {
        // q·m·S = 1e12 · 1e9 · 1e300: the dollar delta is +∞ (a delta-normal VaR of NaN, floored to 0 before).
        ResolvedPortfolio book = Book(1e300, new Position(new SpotInstrument(Big, multiplier: 1e9, name: "BIG-WHALE"), 1e12));
        ArgumentException e = Assert.Throws<ArgumentException>(() => Models[model].Calculate(book));
        Assert.Contains("BIG-WHALE", e.Message, StringComparison.Ordinal);
        Assert.Contains("outside the range the model computes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_variance_that_overflows_from_finite_exposures_is_refused_by_delta_normal_and_delta_gamma()
    {
        // e = 1e200 USD is finite, e² is not.
        ResolvedPortfolio book = Book(1e200, new Position(new SpotInstrument(Big), 1));
        Assert.Contains("variance", Assert.Throws<ArgumentException>(() => new DeltaNormalVaR(Factors()).Calculate(book)).Message, StringComparison.Ordinal);
        Assert.Contains("Delta-gamma VaR: the moments", Assert.Throws<ArgumentException>(() => new DeltaGammaVaR(Factors()).Calculate(book)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new DeltaNormalVaR(Factors()).Decompose(book));
    }

    [Fact]
    public void A_monte_carlo_path_whose_loss_overflows_is_refused_naming_the_path_and_the_position()
    {
        // Value 1e300 at today's price; a daily vol of 10 (the bound) makes e^x > 1.8e8 on ~3 % of the paths, where the loss overflows.
        ResolvedPortfolio book = Book(1e300, new Position(new SpotInstrument(Big, name: "BIG-SPOT"), 1));
        var mc = new MonteCarloVaR(Factors(dailyVol: 10), monteCarlo: new MonteCarloOptions { Paths = 10_000 });
        ArgumentException e = Assert.Throws<ArgumentException>(() => mc.Calculate(book));
        Assert.Contains("Monte Carlo path ", e.Message, StringComparison.Ordinal);
        Assert.Contains("position '+1 BIG-SPOT' revalues to a loss of", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_historical_day_whose_loss_overflows_is_refused_naming_the_day()
    {
        ResolvedPortfolio book = Book(1e300, new Position(new SpotInstrument(Big, name: "BIG-SPOT"), 1));
        var model = new HistoricalVaR(["BIG"], new double[,] { { 0.01 }, { 1e10 }, { -0.02 } });
        ArgumentException e = Assert.Throws<ArgumentException>(() => model.Calculate(book));
        Assert.Contains("historical day 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_last_line_of_defence_never_floors_a_nan_measure_to_zero()
    {
        ResolvedPortfolio book = Book(100, new Position(new SpotInstrument(Big), 1));
        ArithmeticException e = Assert.Throws<ArithmeticException>(() =>
            VaRResult.Build("test", book, ImmutableArray.Create("BIG"), [], VaROptions.Default, double.NaN, [double.NaN], [0], "note"));
        Assert.Contains("not a finite number", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_what_if_order_whose_exposure_overflows_is_refused()
    {
        ResolvedPortfolio book = Book(1e300, new Position(new SpotInstrument(Big), 1e-300));
        var order = new Position(new SpotInstrument(Big, multiplier: 1e9, name: "BIG-WHALE"), 1e12);
        Assert.Contains("BIG-WHALE", Assert.Throws<ArgumentException>(() => new DeltaNormalVaR(Factors()).CreateWhatIf(book).WhatIf(order)).Message, StringComparison.Ordinal);
        Assert.Contains("BIG-WHALE", Assert.Throws<ArgumentException>(() => new DeltaGammaVaR(Factors()).CreateWhatIf(book).WhatIf(order)).Message, StringComparison.Ordinal);
    }
}
