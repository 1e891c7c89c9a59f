using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using PortfolioMargin.Scenarios;

namespace PortfolioMargin.Models.Grid;

/// <summary>The scan layout (<see cref="ScanLayout"/>) of a grid scenario set for one group, built once per set instance and group (sets are immutable).</summary>
internal static class GridScanLayouts
{
    private static readonly ConditionalWeakTable<ScenarioSet, ConcurrentDictionary<string, ScanLayout>> Cache = new();

    /// <summary>The layout of <paramref name="set"/> for <paramref name="group"/>: each scenario's price move for the group and its weight (grid sets define no pairs).</summary>
    public static ScanLayout Of(ScenarioSet set, string group) =>
        Cache.GetValue(set, static _ => new(StringComparer.Ordinal)).GetOrAdd(group, static (g, s) => Build(s, g), set);

    private static ScanLayout Build(ScenarioSet set, string group)
    {
        int n = set.Count;
        var moves = new double[n];
        var weights = new double[n];
        for (int j = 0; j < n; j++)
        {
            Scenario s = set.Scenarios[j];
            moves[j] = s.ShockFor(group).PriceMove;
            weights[j] = s.Weight;
        }

        return ScanLayout.From(moves, weights, []);
    }
}
