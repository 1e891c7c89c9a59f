using System.Collections.Immutable;
using System.Globalization;

namespace PortfolioMargin.Models.Grid;

/// <summary>The grid's breakdown tree, built on demand from the per-group figures (what a bulk result keeps instead of the tree).</summary>
internal sealed class GridBreakdown(string modelName, string version, double totalMm, double totalIm, GridGroupResult[] groups, GridGroupParameters[] parameters)
{
    public MarginNode Build()
    {
        var nodes = ImmutableArray.CreateBuilder<MarginNode>(groups.Length);
        for (int g = 0; g < groups.Length; g++)
        {
            nodes.Add(GroupNode(groups[g], parameters[g]));
        }

        return new MarginNode($"{modelName} total", totalMm, totalIm, nodes.MoveToImmutable(), $"parameters {version}");
    }

    /// <summary>One group's node of the breakdown tree.</summary>
    private static MarginNode GroupNode(GridGroupResult r, GridGroupParameters p)
    {
        double k = p.InitialToMaintenance;
        var children = ImmutableArray.CreateBuilder<MarginNode>();
        string scanNote = r.Binding is null
            ? "no scenario loses"
            : $"binding {r.Binding.ScenarioId} ({r.Binding.ScenarioName}){(r.Binding.TiedScenarioIds.IsEmpty ? "" : $", tied with {string.Join(", ", r.Binding.TiedScenarioIds)}")}";
        NodeNames names = NodeNames.For(r.Group);
        children.Add(new MarginNode(names.Scan, r.ScanRisk, r.ScanRisk * k,
        [
            MarginNode.Leaf(names.Time, r.TimeRisk, r.TimeRisk * k, "mean loss of the zero-price-move scenarios"),
            MarginNode.Leaf(names.Price, r.PriceRisk, r.PriceRisk * k, "worst mean loss of a price move, less time risk"),
            MarginNode.Leaf(names.Vol, r.VolRisk, r.VolRisk * k, "scan - time - price"),
        ], scanNote));
        // Rules the parameter set does not use are left out of the tree unless they produced an amount.
        if (!p.IntraSpreads.IsEmpty || r.IntraCharge != 0)
        {
            children.Add(new MarginNode(names.Intra, r.IntraCharge, r.IntraCharge * k,
                [.. r.IntraSpreads.Select(s => MarginNode.Leaf($"{r.Group}/intra tiers {s.Rule.TierA}v{s.Rule.TierB}", s.Charge, s.Charge * k,
                    string.Create(CultureInfo.InvariantCulture, $"priority {s.Rule.Priority}: {s.Spreads:G6} spreads x {s.Rule.ChargePerSpread:G6}")))]));
        }

        if (r.InterCredit != 0)
        {
            children.Add(MarginNode.Leaf(names.Credit, -r.InterCredit, -r.InterCredit * k));
        }

        if (p.ShortOptionMinimumPerUnit > 0 || r.ShortOptionMinimum != 0)
        {
            children.Add(MarginNode.Leaf(names.Som, r.ShortOptionMinimum, r.ShortOptionMinimum * k, r.ShortOptionMinimumBinds ? "binds" : "does not bind"));
        }

        if (p.ShortOptionContingencyRate > 0 || r.ShortOptionContingency != 0)
        {
            children.Add(MarginNode.Leaf(names.OptionContingency, r.ShortOptionContingency, r.ShortOptionContingency * k));
        }

        if (p.OffsettingFuturesContingencyRate > 0 || r.FuturesContingency != 0)
        {
            children.Add(MarginNode.Leaf(names.FuturesContingency, r.FuturesContingency, r.FuturesContingency * k));
        }

        if (p.NetOptionValue == NetOptionValueHandling.SubtractWithFloor)
        {
            children.Add(MarginNode.Leaf(names.Nov, -r.NetOptionValue, -r.NetOptionValue * k, r.NetOptionValueFloored ? "requirement floored at 0" : null));
        }

        return new MarginNode(r.Group, r.Maintenance, r.Initial, children.ToImmutable(),
            string.Create(CultureInfo.InvariantCulture, $"max(scan + intra - credit, SOM) + contingencies; IM = MM x {k:G6}"));
    }
}


/// <summary>The breakdown node names of one risk group, built once per group name.</summary>
internal sealed record NodeNames(string Scan, string Time, string Price, string Vol, string Intra, string Credit, string Som,
    string OptionContingency, string FuturesContingency, string Nov)
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, NodeNames> Cache = new(StringComparer.Ordinal);

    public static NodeNames For(string group) => Cache.GetOrAdd(group, static g => new(
        $"{g}/scan risk", $"{g}/time risk", $"{g}/price risk", $"{g}/vol risk", $"{g}/intra spread charge", $"{g}/inter-group credit",
        $"{g}/short option minimum", $"{g}/short option contingency", $"{g}/offsetting futures contingency", $"{g}/net option value"));
}
