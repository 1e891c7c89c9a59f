using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models;
using PortfolioMargin.Models.Deribit;
using PortfolioMargin.Portfolios;
using Xunit;

namespace PortfolioMargin.Tests.Models.Deribit;

/// <summary>
/// Deribit's published <c>private/pme/simulate</c> examples reproduced to their printed digits: DERIBIT-PME-SIMULATE
/// (docs example, BTC perpetual + June future, 2024-06-17) and DERIBIT-PME-CAPTURE-ETH (a captured ETH response,
/// 2026-02-15). Positions are in coin (Deribit's "size in base currency"), so the books are built as inverse
/// contracts of face value <c>coins × price</c> and margined with the coin as report currency.
/// </summary>
public sealed class DeribitPublishedExamplesTests
{
    private static readonly Underlying Btc = new("BTC", Currency.Btc, Currency.Usd);
    private static readonly Underlying Eth = new("ETH", Currency.Eth, Currency.Usd);

    private static DeribitResult D1()
    {
        var now = DateTimeOffset.FromUnixTimeMilliseconds(1718619740501);
        var jun28 = new DateTimeOffset(2024, 6, 28, 8, 0, 0, TimeSpan.Zero);
        const double Index = 65666.19, Future = 67371.75;
        var market = new MarketSnapshot(now, Currency.Btc).WithSpot(Btc, Index).WithForward(Btc, jun28, Future).WithFxRate(Currency.Usd, 1 / Index);
        var book = new Portfolio(
            new Position(new Perpetual(Btc, inverse: true, name: "BTC-PERPETUAL"), 0.314538364 * Index),
            new Position(new Future(Btc, jun28, inverse: true, name: "BTC-28JUN24"), -0.001187534 * Future));
        return DeribitModel.Default.CalculateDetailed(ResolvedPortfolio.Resolve(book, market));
    }

    private static DeribitResult D2()
    {
        var now = DateTimeOffset.FromUnixTimeMilliseconds(1771197609587);
        const double Index = 1949.34;
        var market = new MarketSnapshot(now, Currency.Eth).WithSpot(Eth, Index).WithFxRate(Currency.Usd, 1 / Index);
        var book = new Portfolio(new Position(new Perpetual(Eth, inverse: true, name: "ETH-PERPETUAL"), -0.999487053 * Index));
        return DeribitModel.Default.CalculateDetailed(ResolvedPortfolio.Resolve(book, market));
    }

    private static void Vector(double[] perBucket, IReadOnlyList<double> actual, string what)
    {
        Assert.Equal(3 * perBucket.Length, actual.Count);
        for (int s = 0; s < actual.Count; s++)
        {
            double expected = perBucket[s / 3];
            Assert.True(Math.Abs(expected - actual[s]) <= 1e-13 * Math.Max(1e-3, Math.Abs(expected)), $"{what}[{s}]: expected {expected:R}, got {actual[s]:R}");
        }
    }

    private static void Same(double[] expected, IReadOnlyList<double> actual, string what)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (int s = 0; s < expected.Length; s++)
        {
            Assert.True(Math.Abs(expected[s] - actual[s]) <= 1e-13 * Math.Max(1e-3, Math.Abs(expected[s])), $"{what}[{s}]: expected {expected[s]:R}, got {actual[s]:R}");
        }
    }

    [Fact]
    public void DERIBIT_PME_SIMULATE_initial_risk_vectors_of_the_perpetual_and_the_future()
    {
        DeribitResult r = D1();
        Vector([-0.05991206933333334, -0.04289159509090909, -0.027351162086956524, -0.013105765166666668, 0, 0.012097629384615385, 0.023299138074074074,
            0.033700538999999995, 0.043384601931034494], r.PositionStandard[0], "BTC-PERPETUAL.standard");
        Same([-0.05991206933333334, -0.05991206933333334, .. Enumerable.Repeat(0.04338460193103449, 6)], r.PositionExtended[0], "BTC-PERPETUAL.extended");
        Vector([0.0002261969523809524, 0.00016193645454545456, 0.00010326382608695652, 0.00004948058333333334, 0, -0.00004567438461538462,
            -0.00008796548148148148, -0.0001272357857142857, -0.00016379779310344832], r.PositionStandard[1], "BTC-28JUN24.standard");
        Same([0.0002261969523809524, 0.0002261969523809524, .. Enumerable.Repeat(-0.0001637977931034483, 6)], r.PositionExtended[1], "BTC-28JUN24.extended");
    }

    [Fact]
    public void DERIBIT_PME_SIMULATE_aggregated_vectors_margins_and_binding_bucket()
    {
        DeribitGroupResult g = D1().Groups.Single();
        Vector([-0.05968587238095239, -0.04272965863636364, -0.02724789826086957, -0.013056284583333334, 0, 0, 0, 0, 0], g.Standard, "btc_btc.standard");
        Same(new double[8], g.Extended, "btc_btc.extended");
        Assert.Equal(0.059685872, g.WorstCase, 12);                       // worst_case 0.05968587238095239 rounded to 9 decimals
        Assert.Equal("G-16.0%_VU", g.BindingScenarioId);                 // bucket 1, side left (the three vol legs tie)
        Assert.Equal(0.00315725898, g.RollShock, 15);
        Assert.Equal(0, g.DeltaShock);
        Assert.Equal(0.06284313098, g.RiskMatrixMargin, 15);
        Assert.Equal(0.050274504784, g.MaintenanceMargin, 15);
        // initial_margin = risk_matrix_margin + mmp_margin 0.06 + open_orders_margin 0.000018212, printed to 9 decimals.
        Assert.Equal(0.122861343, Math.Round(g.InitialMargin + 0.06 + 0.000018212, 9), 15);
    }

    [Fact]
    public void DERIBIT_PME_CAPTURE_ETH_pnl_offset_dampener_and_margins()
    {
        DeribitResult r = D2();
        double[] initial = [0.21939959699999997, 0.155989308849711, 0.09885036787912087, 0.04709624857068063, 0, -0.04304011233014354,
            -0.08252645391743119, -0.11888171996035243, -0.15246412672881357];
        Vector(initial, r.PositionStandard[0], "ETH-PERPETUAL.standard");
        Same([0.21939959699999997, 0.21939959699999997, .. Enumerable.Repeat(-0.15246412672881357, 6)], r.PositionExtended[0], "ETH-PERPETUAL.extended");
        DeribitGroupResult g = r.Groups.Single();
        Vector(initial, g.PreAggregatedStandard, "pre_aggregated eth_eth.standard");
        Vector([0.13163975819999998, 0.09359358530982659, 0.05931022072747252, 0.028257749142408375, 0, -0.04304011233014354, -0.08252645391743119,
            -0.11888171996035243, -0.15246412672881357], g.Standard, "eth_eth.standard");
        Same(new double[8], g.Extended, "eth_eth.extended");
        Assert.Equal("G+18.0%_VU", g.BindingScenarioId);                 // bucket 9, side right
        Assert.Equal(0.152464127, g.WorstCase, 12);
        Assert.Equal(0.004997435265, g.RollShock, 15);
        Assert.Equal(0.157461562265, g.RiskMatrixMargin, 15);
        Assert.Equal(0.157461562, Math.Round(g.InitialMargin, 9), 15);
        Assert.Equal(0.125969249812, g.MaintenanceMargin, 15);
    }

    [Fact]
    public void Breakdown_and_contributions_sum_to_the_totals()
    {
        MarginResult r = D1().Result;
        Assert.Equal(r.InitialMargin, r.Breakdown.Initial, 15);
        Assert.Equal(r.InitialMargin, r.Breakdown.Children.Sum(c => c.Initial), 15);
        Assert.Equal(r.InitialMargin, r.Breakdown.Children[0].Children.Sum(c => c.Initial), 15);
        Assert.Equal(r.MaintenanceMargin, r.Contributions.Sum(c => c.Maintenance), 15);
    }
}
