using System.Collections.Immutable;
using PortfolioMargin.Models.Grid;
using Xunit;
using PortfolioMargin.Models;
using static PortfolioMargin.Tests.Models.Grid.TestGrids;

namespace PortfolioMargin.Tests.Models.Grid;

/// <summary>
/// GRID-MCM-1…4 (McMillan, Options as a Strategic Investment, ch. 34) fed as risk arrays, and SPREAD-INTER-1/2 and
/// SPREAD-INTRA-1 (CME published calculators) through the spread machinery; ids from published-examples.md.
/// </summary>
public sealed class GridPublishedExamplesTests
{
    // McMillan's arrays (profit positive) for one long S&P future and one long Dec 410 call; 15 = extreme up, 16 = extreme down, weighted.
    private static readonly double[] F = [0, 0, 3330, 3330, -3330, -3330, 6670, 6670, -6670, -6670, 10000, 10000, -10000, -10000, 7000, -7000];
    private static readonly double[] C = [460, -610, 2640, 1730, -1270, -2340, 5210, 4540, -2540, -3430, 8060, 7640, -3380, -3990, 3130, -1500];

    private static GridResult Run(params GridPosition[] positions) =>
        GridCalculator.Compute("test", Currency.Usd, positions, Parameters("SP", new GridGroupParameters(Classic16(0.1, 0.1))));

    [Fact]
    public void GRID_MCM_1_long_call_scan_risk_3990_in_scenario_14()
    {
        GridGroupResult g = Run(Position(0, "SP", C, kind: GridPositionKind.Call, units: 1)).Groups.Single();
        Assert.Equal(3990, g.ScanRisk, 1e-9);
        Assert.Equal("S14", g.Binding!.ScenarioId);
    }

    [Fact]
    public void GRID_MCM_2_long_future_scan_risk_10000_in_scenario_13_tied_with_14()
    {
        GridGroupResult g = Run(Position(0, "SP", F, delta: 1, units: 1)).Groups.Single();
        Assert.Equal(10000, g.ScanRisk, 1e-9);
        Assert.Equal("S13", g.Binding!.ScenarioId);
        Assert.Equal(["S14"], g.Binding.TiedScenarioIds);
    }

    [Fact]
    public void GRID_MCM_3_covered_write_scan_risk_6620_in_scenario_13()
    {
        GridResult r = Run(Position(0, "SP", F, delta: 1, units: 1), Position(1, "SP", Scale(C, -1), kind: GridPositionKind.Call, units: -1));
        Assert.Equal(6620, r.Groups.Single().ScanRisk, 1e-9);
        Assert.Equal("S13", r.Groups.Single().Binding!.ScenarioId);
        // Contributions: each position's loss in S13 (future loses 10,000, the short call gains 3,380).
        Assert.Equal(10000, r.Result.Contributions[0].Maintenance, 1e-9);
        Assert.Equal(-3380, r.Result.Contributions[1].Maintenance, 1e-9);
    }

    [Fact]
    public void GRID_MCM_4_three_long_futures_five_short_calls_scan_risk_13500_in_scenario_16()
    {
        // L16 = −(3·(−7000) − 5·(−1500)) = 21,000 − 7,500 = 13,500
        GridResult r = Run(Position(0, "SP", Scale(F, 3), delta: 3, units: 3), Position(1, "SP", Scale(C, -5), kind: GridPositionKind.Call, units: -5));
        Assert.Equal(13500, r.Result.MaintenanceMargin, 1e-9);
        Assert.Equal("S16", r.Groups.Single().Binding!.ScenarioId);
    }

    private static GridParameters Grains(double cornOutright, double soyOutright) => new("cme-grains", new Dictionary<string, GridGroupParameters>
    {
        ["CORN"] = new(Classic16(0.1, 0)),
        ["SOY"] = new(Classic16(0.1, 0)),
    }, [new InterGroupSpread(1, 0.55, [new InterSpreadLeg("CORN", 2, SpreadSide.A), new InterSpreadLeg("SOY", 1, SpreadSide.B)])]);

    [Fact]
    public void SPREAD_INTER_1_corn_soy_2_to_1_credit_55_percent()
    {
        // 2 long corn (outright 1,750 each) vs 1 short soybean (2,500): gross 6,000, credit 55 % = 3,300, margin 2,700.
        GridResult r = GridCalculator.Compute("test", Currency.Usd,
        [
            Position(0, "CORN", LinearFutureArray(2 * 1750), delta: 2, units: 2),
            Position(1, "SOY", LinearFutureArray(-2500), delta: -1, units: -1),
        ], Grains(1750, 2500));
        Assert.Equal(3500 + 2500, r.Groups.Sum(g => g.ScanRisk), 1e-9);
        Assert.Equal(3300, r.Groups.Sum(g => g.InterCredit), 1e-9);
        Assert.Equal(2700, r.Result.MaintenanceMargin, 1e-9);
        Assert.Equal(1, r.InterSpreads.Single().Spreads, 1e-12);
    }

    [Fact]
    public void SPREAD_INTER_2_two_corn_at_900_vs_one_soy_at_2100()
    {
        // gross 2·900 + 2,100 = 3,900; credit 55 % = 2,145; margin 1,755.
        GridResult r = GridCalculator.Compute("test", Currency.Usd,
        [
            Position(0, "CORN", LinearFutureArray(900), delta: 1, units: 1),
            Position(1, "CORN", LinearFutureArray(900), delta: 1, units: 1),
            Position(2, "SOY", LinearFutureArray(-2100), delta: -1, units: -1),
        ], Grains(900, 2100));
        Assert.Equal(1755, r.Result.MaintenanceMargin, 1e-9);
    }

    [Theory]
    // SPREAD-INTRA-1: outrights M2 500, M3 500, M4 750; intra charges 2v3 200, 2v4 50, 3v4 0;
    // spread margin = |outright leg1 − outright leg2| + intra charge.
    [InlineData(2, 3, 200)]
    [InlineData(2, 4, 300)]
    [InlineData(3, 4, 250)]
    public void SPREAD_INTRA_1_calendar_spreads(int longMonth, int shortMonth, double expected)
    {
        var outright = new Dictionary<int, double> { [2] = 500, [3] = 500, [4] = 750 };
        var p = new GridGroupParameters(Classic16(0.1, 0),
            intraTiers: [new ExpiryTier(2, 30, 60), new ExpiryTier(3, 60, 90), new ExpiryTier(4, 90, 120)],
            intraSpreads: [new IntraSpreadRule(1, 2, 3, 1, 1, 200), new IntraSpreadRule(2, 2, 4, 1, 1, 50), new IntraSpreadRule(3, 3, 4, 1, 1, 0)]);
        GridResult r = GridCalculator.Compute("test", Currency.Usd,
        [
            Position(0, "CL", LinearFutureArray(outright[longMonth]), delta: 1, days: ((longMonth - 1) * 30) + 1, units: 1),
            Position(1, "CL", LinearFutureArray(-outright[shortMonth]), delta: -1, days: ((shortMonth - 1) * 30) + 1, units: -1),
        ], Parameters("CL", p));
        Assert.Equal(expected, r.Result.MaintenanceMargin, 1e-9);
        Assert.Equal(r.Result.MaintenanceMargin, r.Result.Contributions.Sum(c => c.Maintenance), 1e-9);
    }

    [Fact]
    public void Short_option_minimum_binds_and_is_charged_to_the_short_options()
    {
        // Deep OTM short puts with tiny scan risk: SOM of 40 per unit x max(2 calls, 3 puts) = 120 binds.
        double[] tiny = Enumerable.Repeat(-1.0, 16).ToArray();
        var p = new GridGroupParameters(Classic16(0.1, 0.1), shortOptionMinimumPerUnit: 40);
        GridResult r = GridCalculator.Compute("test", Currency.Usd,
        [
            Position(0, "SP", tiny, kind: GridPositionKind.Put, units: -3, key: "P1"),
            Position(1, "SP", tiny, kind: GridPositionKind.Call, units: -2, key: "C1"),
        ], Parameters("SP", p));
        Assert.True(r.Groups.Single().ShortOptionMinimumBinds);
        Assert.Equal(120, r.Result.MaintenanceMargin, 1e-9);
        Assert.Equal(120, r.Result.Contributions[0].Maintenance, 1e-9); // puts are the binding side
        Assert.Equal(0, r.Result.Contributions[1].Maintenance, 1e-9);
        Assert.Contains(r.Result.Diagnostics, d => d.Code == "SOM_BINDS");

        var gross = new GridGroupParameters(Classic16(0.1, 0.1), shortOptionMinimumPerUnit: 40, shortOptionMinimumMethod: ShortOptionMinimumMethod.Gross);
        Assert.Equal(200, GridCalculator.Compute("test", Currency.Usd, [Position(0, "SP", tiny, kind: GridPositionKind.Put, units: -3, key: "P1"),
            Position(1, "SP", tiny, kind: GridPositionKind.Call, units: -2, key: "C1")], Parameters("SP", gross)).Result.MaintenanceMargin, 1e-9);
    }

    [Fact]
    public void Net_option_value_floors_a_long_option_at_zero_and_initial_is_maintenance_times_ratio()
    {
        // GRID-MCM-1 long call: scan risk 3,990; premium value 4,000 > 3,990 so the requirement floors at 0.
        var p = new GridGroupParameters(Classic16(0.1, 0.1), initialToMaintenance: 1.1, netOptionValue: NetOptionValueHandling.SubtractWithFloor);
        GridResult r = GridCalculator.Compute("test", Currency.Usd, [Position(0, "SP", C, kind: GridPositionKind.Call, units: 1, value: 4000)], Parameters("SP", p));
        Assert.Equal(0, r.Result.MaintenanceMargin);
        Assert.Contains(r.Result.Diagnostics, d => d.Code == "NOV_FLOOR");

        GridResult r2 = GridCalculator.Compute("test", Currency.Usd, [Position(0, "SP", C, kind: GridPositionKind.Call, units: 1, value: 990)], Parameters("SP", p));
        Assert.Equal(3000, r2.Result.MaintenanceMargin, 1e-9);
        Assert.Equal(3300, r2.Result.InitialMargin, 1e-9);
    }

    [Fact]
    public void Contingency_add_ons_for_net_short_options_and_offsetting_futures()
    {
        // Deribit-style: 1 % of price per net short option unit per contract; 1 % of the offset futures notional.
        double[] zero = new double[16];
        var p = new GridGroupParameters(Classic16(0.1, 0.1), shortOptionContingencyRate: 0.01, offsettingFuturesContingencyRate: 0.01);
        GridResult r = GridCalculator.Compute("test", Currency.Usd,
        [
            Position(0, "BTC", zero, kind: GridPositionKind.Call, units: -2, key: "C100", price: 60_000),
            Position(1, "BTC", zero, kind: GridPositionKind.Call, units: 0.5, key: "C100", price: 60_000),  // nets to 1.5 short
            Position(2, "BTC", zero, kind: GridPositionKind.Future, units: 3, key: "MAR", price: 60_000),
            Position(3, "BTC", zero, kind: GridPositionKind.Future, units: -1, key: "JUN", price: 60_000),
        ], Parameters("BTC", p));
        GridGroupResult g = r.Groups.Single();
        Assert.Equal(0.01 * 1.5 * 60_000, g.ShortOptionContingency, 1e-9);
        Assert.Equal(0.01 * 1 * 60_000, g.FuturesContingency, 1e-9); // min(3 x 60,000, 1 x 60,000) x 1 %
        Assert.Equal(900 + 600, r.Result.MaintenanceMargin, 1e-9);
        Assert.Equal(900, r.Result.Contributions[0].Maintenance, 1e-9);
    }

    [Fact]
    public void Risk_array_of_wrong_length_is_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => Run(Position(0, "SP", new double[15])));
        Assert.Contains("15 values", ex.Message, StringComparison.Ordinal);
    }
}
