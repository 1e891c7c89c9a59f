using PortfolioMargin.Instruments;
using PortfolioMargin.Models;
using PortfolioMargin.Models.AddOns;
using PortfolioMargin.Models.VaR;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Tests.Domain;
using PortfolioMargin.Solvency;
using Xunit;

namespace PortfolioMargin.Tests.Models.AddOns;

/// <summary>
/// The EMIR Art. 28 tools on delta-normal and historical VaR. For one linear position the delta-normal VaR is
/// <c>z·σ·|e|</c>, so every combination has a closed form.
/// </summary>
public sealed class AntiProcyclicalModelTests
{
    private static readonly double Z99 = new VaROptions().Z;
    private static readonly ResolvedPortfolio Book = ResolvedPortfolio.Resolve(
        new Portfolio(new Position(new Perpetual(TestMarket.Btc), 2), new Position(new SpotInstrument(TestMarket.Btc), -0.5)), TestMarket.Snapshot());

    private const double Exposure = 1.5 * 60_000;

    private static VaRFactors Vol(double daily) => VaRFactors.Create(["BTC"], [daily], new double[,] { { 1 } });

    private static double Var(double daily) => Z99 * daily * Exposure;

    [Fact]
    public void Buffer_adds_25_percent_and_adds_nothing_once_released()
    {
        var current = new DeltaNormalVaR(Vol(0.02));
        MarginResult buffered = new AntiProcyclicalModel(current, AntiProcyclicality.EmirBuffer).Calculate(Book);
        MarginResult released = new AntiProcyclicalModel(current, AntiProcyclicality.EmirBuffer with { BufferReleased = true }).Calculate(Book);
        Assert.Equal(1.25 * Var(0.02), buffered.InitialMargin, 1e-6);
        Assert.Equal(Var(0.02), released.InitialMargin, 1e-6);
        Assert.Equal(0.25 * Var(0.02), buffered.Breakdown.Children.Single(c => c.Name == "buffer").Initial, 1e-6);
        Assert.Equal(0, released.Breakdown.Children.Single(c => c.Name == "buffer").Initial);
        Assert.Contains("released", released.Diagnostics.Single(d => d.Code == "APC_BUFFER").Message, StringComparison.Ordinal);
        Assert.Equal(buffered.InitialMargin, buffered.Contributions.Sum(c => c.Initial), 1e-6);
    }

    [Fact]
    public void Stressed_weight_blends_the_margins_and_the_floor_binds_only_above_them()
    {
        // Current 2 %, stressed 6 %, weight 25 %: blended vol-equivalent 3 %. Long-run floor 2.5 % does not bind; 4 % does.
        var current = new DeltaNormalVaR(Vol(0.02));
        MarginResult blended = current.WithAntiProcyclicality(new AntiProcyclicality(), stressedFactors: Vol(0.06), longRunFactors: Vol(0.025)).Calculate(Book);
        Assert.Equal(Var(0.03), blended.InitialMargin, 1e-6);
        Assert.Contains("does not bind", blended.Diagnostics.Single(d => d.Code == "APC_FLOOR").Message, StringComparison.Ordinal);
        MarginNode weighted = blended.Breakdown.Children.Single(c => c.Name == "weighted");
        Assert.Equal([0.75 * Var(0.02), 0.25 * Var(0.06)], weighted.Children.Select(c => Math.Round(c.Initial, 6)), new Tolerance());

        MarginResult floored = current.WithAntiProcyclicality(AntiProcyclicality.EmirBuffer, stressedFactors: Vol(0.06), longRunFactors: Vol(0.04)).Calculate(Book);
        Assert.Equal(1.25 * Var(0.04), floored.InitialMargin, 1e-6);
        Assert.Contains("binds", floored.Breakdown.Children.Single(c => c.Name == "floor").Note, StringComparison.Ordinal);
        Assert.Equal(floored.InitialMargin, floored.Contributions.Sum(c => c.Initial), 1e-6);
        Assert.Equal(floored.MaintenanceMargin, floored.Contributions.Sum(c => c.Maintenance), 1e-6);
    }

    [Fact]
    public void Historical_var_takes_stressed_and_long_run_returns()
    {
        double[,] calm = { { 0.01 }, { -0.01 }, { 0.005 } }, stressed = { { -0.2 }, { 0.1 }, { -0.1 } };
        var current = new HistoricalVaR(["BTC"], calm, new VaROptions { Confidence = 0.99 });
        var model = current.WithAntiProcyclicality(new AntiProcyclicality { StressedWeight = 0.5 }, stressedReturns: stressed);
        double expected = (0.5 * current.Calculate(Book).InitialMargin) + (0.5 * new HistoricalVaR(["BTC"], stressed, current.Options).Calculate(Book).InitialMargin);
        Assert.Equal(expected, model.Calculate(Book).InitialMargin, 1e-6);
        Assert.Contains("stressed weight 50%", model.Name, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_without_any_tool_or_with_bad_parameters_is_refused()
    {
        var current = new DeltaNormalVaR(Vol(0.02));
        Assert.Throws<ArgumentException>(() => new AntiProcyclicalModel(current, new AntiProcyclicality()));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AntiProcyclicalModel(current, new AntiProcyclicality { Buffer = -0.1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AntiProcyclicalModel(current, new AntiProcyclicality { Stressed = current, StressedWeight = 0 }));
    }

    private sealed class Tolerance : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) < 1e-5;

        public int GetHashCode(double obj) => 0;
    }
}
