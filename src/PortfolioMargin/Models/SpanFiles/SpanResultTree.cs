using System.Collections.Immutable;
using System.Globalization;

namespace PortfolioMargin.Models.SpanFiles;

/// <summary>
/// The SPAN figures in the library's one result shape (<see cref="MarginResult"/>): totals, a breakdown tree, per-position
/// contributions, the binding scenario per combined commodity and diagnostics, all in the report currency.
/// </summary>
/// <remarks>
/// <para>Tree: root (sum of the combined commodities) → per combined commodity
/// <c>max(0, f · risk requirement − NOV)</c> = <c>risk requirement + adjRate scaling + net option value + floor</c>, where
/// the risk requirement is <c>max(scan + spreads, short option minimum)</c> at the base rate; <c>scan + spreads</c> =
/// scan risk (note: binding scenarios) + each intra spread + spot charge + inter credit (negative); the short option
/// minimum has one child per SOM tier; adjRate scaling is <c>(f − 1) · risk requirement</c>; the net option value is
/// negative; the floor is what raises a negative requirement to 0.</para>
/// <para>Binding scenarios: ids <c>S01</c>…<c>S16</c> (the file's point numbers), of the riskiest scan tier, with ties; none
/// for a combined commodity whose scan risk is 0. Amounts in a combined commodity's currency are converted at the
/// snapshot's rate to the report currency.</para>
/// </remarks>
internal static class SpanResultTree
{
    /// <summary>Code of diagnostics for parts of the file that were read but not applied.</summary>
    public const string NotAppliedCode = "SPAN_NOT_APPLIED";

    /// <summary>The common result of <paramref name="computed"/>; <paramref name="toReport"/> converts each combined commodity's currency.</summary>
    public static MarginResult Build(string modelName, Currency currency, SpanComputed computed, ReadOnlySpan<double> toReport, SpanRiskParameters file,
        IEnumerable<MarginDiagnostic> notes)
    {
        var ccNodes = ImmutableArray.CreateBuilder<MarginNode>(computed.CombinedCommodities.Length);
        var binding = ImmutableArray.CreateBuilder<BindingScenario>();
        var diagnostics = ImmutableArray.CreateBuilder<MarginDiagnostic>();
        var rate = new Dictionary<string, double>(StringComparer.Ordinal);
        double totalM = 0, totalI = 0;
        for (int k = 0; k < computed.CombinedCommodities.Length; k++)
        {
            SpanCombinedCommodityResult cc = computed.CombinedCommodities[k];
            double x = toReport[k];
            rate[cc.Code] = x;
            totalM += x * cc.MaintenanceMargin;
            totalI += x * cc.InitialMargin;
            ccNodes.Add(CombinedCommodityNode(cc, x, currency, computed.InterSpreads));
            if (Binding(cc, x, file.ScenarioPoints) is { } b)
            {
                binding.Add(b);
            }

            AddDiagnostics(cc, x, currency, diagnostics);
        }

        diagnostics.AddRange(notes);
        foreach (string d in file.Diagnostics)
        {
            diagnostics.Add(new MarginDiagnostic(NotAppliedCode, d));
        }

        var contributions = ImmutableArray.CreateBuilder<PositionContribution>(computed.Contributions.Length);
        foreach (SpanPositionContribution c in computed.Contributions)
        {
            double x = rate[c.CombinedCommodity];
            contributions.Add(new PositionContribution(c.PositionIndex, c.Label, c.CombinedCommodity, (x * c.Maintenance) + 0.0, (x * c.Initial) + 0.0));
        }

        var root = new MarginNode(modelName, totalM, totalI, ccNodes.MoveToImmutable(), $"sum over combined commodities, in {currency.Code}");
        return new MarginResult(modelName, currency, totalI, totalM, root, contributions.MoveToImmutable(), binding.ToImmutable(), diagnostics.ToImmutable());
    }

    private static MarginNode CombinedCommodityNode(SpanCombinedCommodityResult cc, double x, Currency currency, ImmutableArray<SpanInterSpreadResult> interSpreads)
    {
        string p = cc.Code + "/";
        double r = cc.RiskRequirement;
        var core = ImmutableArray.CreateBuilder<MarginNode>();
        var tierNodes = cc.ScanTiers.Length > 1
            ? [.. cc.ScanTiers.Select(t => MarginNode.Leaf(F($"{p}scan tier {t.Tier}"), x * t.ScanRisk, x * t.ScanRisk, BindingNote(t.BindingScenarios)))]
            : ImmutableArray<MarginNode>.Empty;
        core.Add(new MarginNode(p + "scan risk", x * cc.ScanRisk, x * cc.ScanRisk, tierNodes,
            "max(0, max_j L_j)" + (cc.ScanTiers.Length > 1 ? " summed over scan tiers" : "; " + BindingNote(cc.BindingScenarios))));
        foreach (var s in cc.IntraSpreads)
        {
            core.Add(MarginNode.Leaf(F($"{p}intra spread {s.Priority}"), x * s.Charge, x * s.Charge, F($"{s.Spreads:0.####} × {s.Rate:R} per spread ({Legs(s.Legs)})")));
        }

        core.Add(MarginNode.Leaf(p + "spot charge", x * cc.SpotCharge, x * cc.SpotCharge));
        string credits = string.Join("; ", interSpreads
            .Where(s => s.CreditsByCombinedCommodity.Any(k => k.Key == cc.Code))
            .Select(s => F($"spread {s.Priority}: {s.Spreads:0.####} × rate {s.CreditRate:R}")));
        core.Add(MarginNode.Leaf(p + "inter credit", -x * cc.InterCredit, -x * cc.InterCredit,
            F($"subtracted; WPR {cc.WeightedPriceRisk:0.####}") + (credits.Length > 0 ? "; " + credits : string.Empty)));
        double coreAmount = x * (cc.ScanRisk + cc.IntraSpreadCharge + cc.SpotCharge - cc.InterCredit);
        var coreNode = new MarginNode(p + "scan + spreads", coreAmount, coreAmount, core.ToImmutable(), "scan + intra + spot − inter credit");

        var somNode = new MarginNode(p + "short option minimum", x * cc.ShortOptionMinimum, x * cc.ShortOptionMinimum,
            [.. cc.SomTiers.Select(t => MarginNode.Leaf(F($"{p}SOM tier {t.Tier}"), x * t.Charge, x * t.Charge,
                F($"{t.Rate:R} × {(t.Method == ShortOptionMinimumMethod.Gross ? "(" : "max(")}short calls {t.ShortCalls:0.####}{(t.Method == ShortOptionMinimumMethod.Gross ? " + " : ", ")}short puts {t.ShortPuts:0.####})")))],
            cc.SomTiers.IsEmpty ? "no SOM tiers" : "sum over SOM tiers");

        var risk = new MarginNode(p + "risk requirement", x * r, x * r, [coreNode, somNode],
            $"max(scan + spreads, short option minimum) at the base rate; {(cc.SomBinds ? "the short option minimum binds" : "scan + spreads binds")}");

        var (floorM, floorI) = Floors(cc);
        var children = ImmutableArray.Create(
            risk,
            MarginNode.Leaf(p + "adjRate scaling", x * (cc.MaintenanceFactor - 1) * r, x * (cc.InitialFactor - 1) * r,
                F($"(f − 1) · risk requirement; fM = {cc.MaintenanceFactor:R}, fI = {cc.InitialFactor:R}")),
            MarginNode.Leaf(p + "net option value", -x * cc.NetOptionValue, -x * cc.NetOptionValue, "−Σ q · p · cvf of premium-style options: short options add their value, long options reduce the margin"),
            MarginNode.Leaf(p + "floor at 0", x * floorM, x * floorI, floorM != 0 || floorI != 0 ? "raises f · risk requirement − NOV to 0" : "not applied"));
        string conv = cc.Currency == currency.Code ? cc.Currency : F($"{cc.Currency} × {x:R} → {currency.Code}");
        return new MarginNode(cc.Code, x * cc.MaintenanceMargin, x * cc.InitialMargin, children, $"{conv}; max(0, f · risk requirement − NOV)");
    }

    private static BindingScenario? Binding(SpanCombinedCommodityResult cc, double x, ImmutableArray<SpanScenarioPoint> points)
    {
        if (cc.BindingScenarios.IsEmpty)
        {
            return null;
        }

        var tier = cc.ScanTiers.FirstOrDefault(t => t.BindingScenarios.SequenceEqual(cc.BindingScenarios)) ?? cc.ScanTiers[0];
        int s = cc.BindingScenarios[0];
        return new BindingScenario(cc.Code, ScenarioId(s), ScenarioName(s, points), x * tier.ScenarioLosses[s - 1], [.. cc.BindingScenarios.Skip(1).Select(ScenarioId)]);
    }

    private static void AddDiagnostics(SpanCombinedCommodityResult cc, double x, Currency currency, ImmutableArray<MarginDiagnostic>.Builder into)
    {
        if (cc.SomBinds)
        {
            into.Add(new MarginDiagnostic("SOM_BINDS", F($"{cc.Code}: the short option minimum {cc.ShortOptionMinimum:R} exceeds scan + spreads {cc.ScanRisk + cc.IntraSpreadCharge + cc.SpotCharge - cc.InterCredit:R} ({cc.Currency})")));
        }

        var (floorM, floorI) = Floors(cc);
        if (floorM != 0 || floorI != 0)
        {
            into.Add(new MarginDiagnostic("NOV_FLOOR", F($"{cc.Code}: f · risk requirement − NOV = {cc.MaintenanceMargin - floorM:R} (maintenance), {cc.InitialMargin - floorI:R} (initial) is floored at 0 ({cc.Currency})")));
        }

        if (cc.Currency != currency.Code)
        {
            into.Add(new MarginDiagnostic("CURRENCY_CONVERTED", F($"{cc.Code}: {cc.Currency} amounts × {x:R} → {currency.Code}")));
        }
    }

    /// <summary>What the floor at 0 added to the maintenance and initial margin (0 when it did not apply).</summary>
    private static (double Maintenance, double Initial) Floors(SpanCombinedCommodityResult cc) =>
        (cc.MaintenanceMargin - ((cc.MaintenanceFactor * cc.RiskRequirement) - cc.NetOptionValue),
         cc.InitialMargin - ((cc.InitialFactor * cc.RiskRequirement) - cc.NetOptionValue));

    private static string ScenarioId(int point) => "S" + point.ToString("00", CultureInfo.InvariantCulture);

    private static string ScenarioName(int point, ImmutableArray<SpanScenarioPoint> points)
    {
        if (points.Length != SpanRiskParameters.ScenarioCount)
        {
            return F($"point {point}");
        }

        var s = points[point - 1];
        return F($"price {s.PriceMove:+0.###;-0.###;0} × range, vol {s.VolatilityMove:+0.###;-0.###;0} × range, weight {s.Weight:0.###}");
    }

    private static string BindingNote(ImmutableArray<int> points) => points.Length switch
    {
        0 => "no loss in any scenario",
        1 => "binding " + ScenarioId(points[0]),
        _ => "binding " + ScenarioId(points[0]) + " (tied: " + string.Join(", ", points.Skip(1).Select(ScenarioId)) + ")",
    };

    private static string Legs(ImmutableArray<SpanLegResult> legs) =>
        string.Join(" / ", legs.Select(l => (l.Leg.Kind == SpanLegKind.Period ? l.Leg.Period : F($"tier {l.Leg.Tier}")) + " " + l.Leg.Side));

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
