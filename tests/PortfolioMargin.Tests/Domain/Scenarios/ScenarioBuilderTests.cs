using PortfolioMargin.Scenarios;
using Xunit;

namespace PortfolioMargin.Tests.Domain.Scenarios;

/// <summary>Scenario builders against the layouts of margin-spec.md §5 and the published CME risk-array order
/// (McMillan, Options as a Strategic Investment, ch. 34; published-examples.md "Scenario grid aggregation").</summary>
public sealed class ScenarioBuilderTests
{
    private const double Tol = 1e-12;

    // (price fraction of the range, vol sign, weight) for S01..S16 in the published order; ±2 = extreme.
    public static TheoryData<int, double, int, double> CmeLayout => new()
    {
        { 1, 0, 1, 1 }, { 2, 0, -1, 1 }, { 3, 1.0 / 3, 1, 1 }, { 4, 1.0 / 3, -1, 1 }, { 5, -1.0 / 3, 1, 1 }, { 6, -1.0 / 3, -1, 1 },
        { 7, 2.0 / 3, 1, 1 }, { 8, 2.0 / 3, -1, 1 }, { 9, -2.0 / 3, 1, 1 }, { 10, -2.0 / 3, -1, 1 },
        { 11, 1, 1, 1 }, { 12, 1, -1, 1 }, { 13, -1, 1, 1 }, { 14, -1, -1, 1 }, { 15, 2, 0, 0.35 }, { 16, -2, 0, 0.35 },
    };

    [Theory]
    [MemberData(nameof(CmeLayout))]
    public void Classic16_follows_the_published_CME_layout(int number, double fraction, int volSign, double weight)
    {
        var set = new Classic16Parameters(0.06, 0.14).Build();
        Scenario s = set.Scenarios[number - 1];
        Assert.Equal(16, set.Count);
        Assert.Equal($"S{number:00}", s.Id);
        Assert.NotNull(s.Default);
        Assert.Equal(fraction * 0.06, s.Default.PriceMove, Tol);
        Assert.Equal(volSign * 0.14, s.Default.VolMove, Tol);
        Assert.Equal(VolMoveKind.Absolute, s.Default.VolMoveKind);
        Assert.Equal(weight, s.Weight);
    }

    [Fact]
    public void Classic16_extreme_multiple_and_weight_are_parameters()
    {
        var set = new Classic16Parameters(0.10, 0.25, VolMoveKind.Relative, extremeMultiple: 3, extremeWeight: 0.30, timeShiftDays: 1).Build("x");
        Assert.Equal(0.30, set.Scenarios[14].Default!.PriceMove, Tol);
        Assert.Equal(-0.30, set.Scenarios[15].Default!.PriceMove, Tol);
        Assert.Equal(0.30, set.Scenarios[15].Weight);
        Assert.Equal(-0.25, set.Scenarios[1].Default!.VolMove);
        Assert.All(set.Scenarios, s => Assert.Equal(1, s.TimeShiftDays));
        Assert.Equal("x", set.Name);
    }

    [Fact]
    public void Classic16_for_one_underlying_shocks_only_that_underlying()
    {
        var set = new Classic16Parameters(0.10, 0.14).BuildFor("BTC");
        Scenario s11 = set.Scenarios[10];
        Assert.Null(s11.Default);
        Assert.Equal(0.10, s11.ShockFor("BTC").PriceMove, Tol);
        Assert.Throws<ArgumentException>(() => s11.ShockFor("ETH"));
        Assert.Contains("BTC", set.Name, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 0.1, 2, 0.35, "priceScanRange")]
    [InlineData(double.NaN, 0.1, 2, 0.35, "priceScanRange")]
    [InlineData(1, 0.1, 2, 0.35, "priceScanRange")]
    [InlineData(0.1, -0.1, 2, 0.35, "volScanRange")]
    [InlineData(0.1, double.PositiveInfinity, 2, 0.35, "volScanRange")]
    [InlineData(0.1, 0.1, 0.5, 0.35, "extremeMultiple")]
    [InlineData(0.4, 0.1, 3, 0.35, "extremeMultiple")]
    [InlineData(0.1, 0.1, 2, 0, "extremeWeight")]
    [InlineData(0.1, 0.1, 2, 1.5, "extremeWeight")]
    public void Classic16_rejects_bad_parameters_naming_them(double range, double vol, double k, double w, string param)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Classic16Parameters(range, vol, VolMoveKind.Absolute, k, w));
        Assert.Equal(param, ex.ParamName);
    }

    [Fact]
    public void Uniform_grid_has_N_times_3_scenarios_includes_0_and_is_symmetric_when_a_equals_b()
    {
        var grid = new UniformGridParameters(9, 0.10, 0.10, 0.38, 0.38, VolMoveKind.Relative);
        var set = grid.Build();
        Assert.Equal(27, set.Count);
        Assert.Contains(0.0, grid.PriceMoves);
        for (int i = 0; i < grid.Points; i++)
        {
            Assert.Equal(-grid.PriceMoves[grid.Points - 1 - i], grid.PriceMoves[i], Tol);
        }

        Assert.Equal([-0.10, -0.075, -0.05, -0.025, 0, 0.025, 0.05, 0.075, 0.10], grid.PriceMoves.ToArray(), (a, b) => Math.Abs(a - b) < Tol);
        Assert.Equal(["G-10.0%_VU", "G-10.0%_V0", "G-10.0%_VD"], set.Scenarios.Take(3).Select(s => s.Id));
        Assert.Equal("G0%_V0", set.Scenarios[13].Id);
        Assert.Equal("G+2.5%_VD", set.Scenarios[17].Id);
    }

    [Fact]
    public void Uniform_grid_may_be_asymmetric()
    {
        var grid = new UniformGridParameters(7, 0.2, 0.4, 0.1, 0.05);
        Assert.Equal([-0.2, -0.1, 0, 0.1, 0.2, 0.3, 0.4], grid.PriceMoves.ToArray(), (a, b) => Math.Abs(a - b) < Tol);
        Scenario vd = grid.Build().Scenarios[2];
        Assert.Equal(-0.05, vd.Default!.VolMove);
    }

    [Theory]
    [InlineData(7.5)]
    [InlineData(1)]
    [InlineData(30)]
    [InlineData(90)]
    public void Uniform_grid_vol_shock_scales_with_time_to_expiry_in_closed_form(double dte)
    {
        var set = new UniformGridParameters(3, 0.1, 0.1, 0.38, 0.38, VolMoveKind.Relative, termExponent: 0.30).Build();
        double expected = 0.38 * Math.Pow(30 / dte, 0.30);
        Assert.Equal(expected, set.Scenarios.Single(s => s.Id == "G0%_VU").Default!.VolMoveFor(dte), 1e-12);
        Assert.Equal(-expected, set.Scenarios.Single(s => s.Id == "G0%_VD").Default!.VolMoveFor(dte), 1e-12);
        Assert.Equal(0, set.Scenarios.Single(s => s.Id == "G0%_V0").Default!.VolMoveFor(dte));
    }

    [Fact]
    public void Dte_7_5_gives_38_percent_times_4_to_the_0_3()
    {
        var s = new UniformGridParameters(1, 0, 0, 0.38, 0.38, VolMoveKind.Relative, termExponent: 0.30).Build().Scenarios[0];
        Assert.Equal(0.38 * Math.Pow(4, 0.3), s.Default!.VolMoveFor(7.5), 1e-12);
    }

    [Fact]
    public void Uniform_grid_leaves_out_zero_size_vol_legs()
    {
        Assert.Equal(5, new UniformGridParameters(5, 0.1, 0.1, 0, 0).Build().Count);
        Assert.Equal(10, new UniformGridParameters(5, 0.1, 0.1, 0.1, 0.1, includeVolUnchanged: false).Build().Count);
    }

    [Theory]
    [InlineData(0, 0.1, 0.1, "points")]
    [InlineData(4, 0.1, 0.1, "points")] // 0 is not a grid point
    [InlineData(1, 0.1, 0.1, "points")] // one point must be 0
    [InlineData(10001, 0.01, 0.01, "points")] // spacing below 1 bp
    [InlineData(5, 1.0, 0.1, "down")]
    [InlineData(5, -0.1, 0.1, "down")]
    [InlineData(5, double.NaN, 0.1, "down")]
    [InlineData(5, 0.1, double.PositiveInfinity, "up")]
    public void Uniform_grid_rejects_bad_price_parameters_naming_them(int points, double down, double up, string param)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new UniformGridParameters(points, down, up, 0.1, 0.1));
        Assert.Equal(param, ex.ParamName);
    }

    [Fact]
    public void Uniform_grid_zero_check_explains_the_fix()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new UniformGridParameters(4, 0.1, 0.1, 0.1, 0.1));
        Assert.Contains("0 is not a grid point", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Uniform_grid_needs_at_least_one_vol_leg()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new UniformGridParameters(3, 0.1, 0.1, 0, 0, includeVolUnchanged: false));
        Assert.Equal("includeVolUnchanged", ex.ParamName);
    }

    [Fact]
    public void Extended_table_builds_vol_up_scenarios_with_their_dampener()
    {
        var table = new ExtendedTableParameters([new(-0.66, 0.5, 0.5), new(-0.33, 0.5, 0.5), new(5.0, 0.5, 0.2)], VolMoveKind.Relative, termExponent: 0.3);
        var set = table.Build();
        Assert.Equal(["X-66.0%_VU", "X-33.0%_VU", "X+500.0%_VU"], set.Scenarios.Select(s => s.Id));
        Assert.Equal(0.2, set.Scenarios[2].Weight);
        Assert.Equal(5.0, set.Scenarios[2].Default!.PriceMove);
        Assert.Equal(0.5 * Math.Pow(2, 0.3), set.Scenarios[0].Default!.VolMoveFor(15), 1e-12);
    }

    [Fact]
    public void Extended_table_rejects_bad_rows()
    {
        Assert.Throws<ArgumentException>(() => new ExtendedTableParameters([]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExtendedTableParameters([new(-1, 0.5, 0.5)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExtendedTableParameters([new(0, 0.5, 0.5)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExtendedTableParameters([new(0.5, double.NaN, 0.5)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExtendedTableParameters([new(0.5, 0.5, 0)]));
        var dup = Assert.Throws<ArgumentException>(() => new ExtendedTableParameters([new(0.5, 0.5, 0.5), new(0.5, 0.1, 0.5)]));
        Assert.Contains("+50.0%", dup.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stress_scenario_moves_each_underlying_its_own_way()
    {
        // margin-spec.md §5 example: BTC -30 %, ETH -40 %, vols +50 %.
        Scenario crash = StressScenarios.Create("CRASH", "crypto crash", new Dictionary<string, double> { ["BTC"] = -0.30, ["ETH"] = -0.40 }, volMove: 0.5);
        Assert.Equal(-0.30, crash.ShockFor("BTC").PriceMove);
        Assert.Equal(-0.40, crash.ShockFor("ETH").PriceMove);
        Assert.Equal(0.5, crash.ShockFor("ETH").VolMove);
        Assert.Equal(VolMoveKind.Relative, crash.ShockFor("ETH").VolMoveKind);
        Assert.Throws<ArgumentException>(() => crash.ShockFor("SOL"));

        Scenario withOthers = StressScenarios.Create("C2", "c2", new Dictionary<string, double> { ["BTC"] = -0.3 }, others: new UnderlyingShock(-0.5));
        Assert.Equal(-0.5, withOthers.ShockFor("SOL").PriceMove);
        Assert.Equal(2, StressScenarios.Set("stress", crash, withOthers).Count);
    }

    [Fact]
    public void Stress_scenario_rejects_bad_input()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StressScenarios.Create("X", "x", new Dictionary<string, double> { ["BTC"] = -1.0 }));
        Assert.Throws<ArgumentException>(() => StressScenarios.Create("X", "x", new Dictionary<string, double> { [" "] = -0.1 }));
        Assert.Throws<ArgumentException>(() => StressScenarios.Create("X", "x", new Dictionary<string, double>()));
        Assert.Throws<ArgumentException>(() => StressScenarios.Set("s", StressScenarios.Create("X", "x", new Dictionary<string, double> { ["BTC"] = 0.1 }), StressScenarios.Create("X", "y", new Dictionary<string, double> { ["ETH"] = 0.1 })));
    }

    [Fact]
    public void Concat_keeps_order_and_rejects_duplicate_ids_naming_both_sets()
    {
        var grid = new UniformGridParameters(3, 0.1, 0.1, 0.1, 0.1).Build("grid");
        var table = new ExtendedTableParameters([new(-0.5, 0.2, 0.3)]).Build("table");
        var both = ScenarioSets.Concat("both", grid, table);
        Assert.Equal(10, both.Count);
        Assert.Equal("X-50.0%_VU", both.Scenarios[9].Id);

        var ex = Assert.Throws<ArgumentException>(() => ScenarioSets.Concat("twice", grid, grid));
        Assert.Contains("'G-10.0%_VU'", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ScenarioSets.Concat("none"));
    }

    [Fact]
    public void WithIdPrefix_makes_two_copies_combinable_and_changes_nothing_else()
    {
        var a = new Classic16Parameters(0.1, 0.1).BuildFor("BTC");
        var b = new Classic16Parameters(0.1, 0.1).BuildFor("ETH");
        var both = ScenarioSets.Concat("cc", a.WithIdPrefix("BTC:"), b.WithIdPrefix("ETH:"));
        Assert.Equal(32, both.Count);
        Assert.Equal("ETH:S16", both.Scenarios[31].Id);
        Assert.Equal(a.Scenarios[14].Weight, both.Scenarios[14].Weight);
        Assert.Equal(a.Scenarios[14].Shocks, both.Scenarios[14].Shocks);
        Assert.Throws<ArgumentException>(() => a.WithIdPrefix(" "));
    }
}
