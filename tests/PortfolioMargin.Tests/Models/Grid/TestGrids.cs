using System.Collections.Immutable;
using PortfolioMargin.Models.Grid;
using PortfolioMargin.Scenarios;

namespace PortfolioMargin.Tests.Models.Grid;

/// <summary>Scenario sets written out by hand in the tests (independent of the library's builders).</summary>
internal static class TestGrids
{
    /// <summary>CME classic 16 in McMillan/CME order: 1-2 unchanged, 3-14 ±1/3, ±2/3, ±3/3 with vol up/down, 15/16 extreme up/down ×2 at weight 0.35.</summary>
    public static ScenarioSet Classic16(double range, double volRange, double extreme = 2, double extremeWeight = 0.35)
    {
        var s = new List<Scenario>();
        double[] moves = [0, 1.0 / 3, -1.0 / 3, 2.0 / 3, -2.0 / 3, 1, -1];
        int id = 1;
        foreach (double m in moves)
        {
            s.Add(Scenario.Uniform($"S{id++:00}", $"price {m:+0.##;-0.##;0} range, vol up", new UnderlyingShock(m * range, volRange)));
            s.Add(Scenario.Uniform($"S{id++:00}", $"price {m:+0.##;-0.##;0} range, vol down", new UnderlyingShock(m * range, -volRange)));
        }

        s.Add(Scenario.Uniform("S15", "extreme up", new UnderlyingShock(extreme * range), extremeWeight));
        s.Add(Scenario.Uniform("S16", "extreme down", new UnderlyingShock(-extreme * range), extremeWeight));
        return new ScenarioSet($"classic16 {range:P0}", s);
    }

    public static GridPosition Position(int index, string group, double[] pnl, double delta = 0, double days = 0, GridPositionKind kind = GridPositionKind.Future,
        double units = 0, string? key = null, double price = 100, double value = 0) =>
        new(index, key ?? $"#{index}", group, [.. pnl], delta, days, kind, units, key ?? $"#{index}", price, value);

    public static double[] Scale(double[] a, double k) => a.Select(x => x * k).ToArray();

    public static double[] Add(params double[][] arrays) => Enumerable.Range(0, arrays[0].Length).Select(i => arrays.Sum(a => a[i])).ToArray();

    public static GridParameters Parameters(string group, GridGroupParameters p) => new("test-1", ImmutableDictionary<string, GridGroupParameters>.Empty.Add(group, p));

    /// <summary>Risk array of one long future whose worst outright loss is <paramref name="outright"/>: moves 0, ±1/3, ±2/3, ±1 (vol up/down equal), extremes ±2 × 0.35.</summary>
    public static double[] LinearFutureArray(double outright)
    {
        double[] m = [0, 0, 1.0 / 3, 1.0 / 3, -1.0 / 3, -1.0 / 3, 2.0 / 3, 2.0 / 3, -2.0 / 3, -2.0 / 3, 1, 1, -1, -1, 2 * 0.35, -2 * 0.35];
        return m.Select(x => x * outright).ToArray();
    }
}
