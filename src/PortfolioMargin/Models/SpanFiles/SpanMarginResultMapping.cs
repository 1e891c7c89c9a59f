using System.Collections.Immutable;
using System.Globalization;
using PortfolioMargin.Models;

namespace PortfolioMargin.Span;

/// <summary>Mapping of a SPAN-file result to the library's one result shape (<see cref="MarginResult"/>) and efficiency report.</summary>
public sealed partial record SpanMarginResult
{
    /// <summary>Code of diagnostics for parts of the file that were read but not applied.</summary>
    internal const string NotAppliedCode = "SPAN_NOT_APPLIED";

    /// <summary>The model name used in the common result: <c>SPAN file &lt;clearing org&gt; &lt;business date&gt;</c>.</summary>
    public string ModelName => $"SPAN file {ClearingOrganization} {BusinessDate}";

    /// <summary>The result in the library's one shape: totals, a breakdown tree, per-position contributions, the binding scenario
    /// per combined commodity and diagnostics, all in one currency and from the same numbers as this result.</summary>
    /// <remarks>
    /// <para>Tree: root (sum of the combined commodities) → per combined commodity
    /// <c>max(0, f · risk requirement − NOV)</c> = <c>risk requirement + adjRate scaling + net option value + floor</c>, where
    /// the risk requirement is <c>max(scan + spreads, short option minimum)</c> at the base rate; <c>scan + spreads</c> =
    /// scan risk (note: binding scenarios) + each intra spread + spot charge + inter credit (negative); the short option
    /// minimum has one child per SOM tier; adjRate scaling is <c>(f − 1) · risk requirement</c>; the net option value is
    /// negative; the floor is what raises a negative requirement to 0.</para>
    /// <para>Binding scenarios: ids <c>S01</c>…<c>S16</c> (the file's point numbers), of the riskiest scan tier, with ties; none
    /// for a combined commodity whose scan risk is 0. Amounts in a combined commodity's currency are multiplied by
    /// <see cref="SpanCurrencyConversion.RateFrom"/> when <see cref="CurrencyConversion"/> is set.</para>
    /// </remarks>
    /// <returns>The common result; its contributions sum to its totals.</returns>
    /// <exception cref="InvalidOperationException">The combined commodities use several currencies and no
    /// <see cref="SpanMarginOptions.CurrencyConversion"/> was given (the message names them), or the conversion lacks a rate.</exception>
    public MarginResult ToMarginResult()
    {
        var (currency, rates) = ReportRates();
        var ccNodes = ImmutableArray.CreateBuilder<MarginNode>(CombinedCommodities.Length);
        var binding = ImmutableArray.CreateBuilder<BindingScenario>();
        var diagnostics = ImmutableArray.CreateBuilder<MarginDiagnostic>();
        double totalM = 0, totalI = 0;
        foreach (var cc in CombinedCommodities)
        {
            double x = rates[cc.Code];
            totalM += x * cc.MaintenanceMargin;
            totalI += x * cc.InitialMargin;
            ccNodes.Add(CombinedCommodityNode(cc, x, currency));
            if (Binding(cc, x) is { } b)
            {
                binding.Add(b);
            }

            AddDiagnostics(cc, x, currency, diagnostics);
        }

        foreach (string d in Diagnostics)
        {
            diagnostics.Add(new MarginDiagnostic(NotAppliedCode, d));
        }

        var contributions = ImmutableArray.CreateBuilder<PositionContribution>(Contributions.Length);
        foreach (var c in Contributions)
        {
            double x = rates[c.CombinedCommodity];
            contributions.Add(new PositionContribution(c.PositionIndex, c.Label, c.CombinedCommodity, x * c.Maintenance, x * c.Initial));
        }

        var root = new MarginNode(ModelName, totalM, totalI, ccNodes.ToImmutable(), $"sum over combined commodities, in {currency.Code}");
        return new MarginResult(ModelName, currency, totalI, totalM, root, contributions.ToImmutable(), binding.ToImmutable(), diagnostics.ToImmutable());
    }

    /// <summary>The efficiency report (basket vs each position alone) built from the same numbers: the portfolio side is
    /// <see cref="ToMarginResult"/>, the standalone side <see cref="StandaloneInitialByPosition"/> (converted like the result).</summary>
    /// <remarks>Per combined commodity (in order of first appearance among the positions) and in total:
    /// <c>capitalFreed = Σ standalone − portfolio</c>, <c>efficiency = 1 − portfolio / Σ standalone</c> (0 when the standalone sum is 0),
    /// on initial margin.</remarks>
    /// <returns>The report.</returns>
    /// <exception cref="InvalidOperationException">Standalone margins were not computed (<see cref="SpanMarginOptions.ComputeStandalone"/>
    /// was false), or as for <see cref="ToMarginResult"/>.</exception>
    public EfficiencyReport ToEfficiencyReport()
    {
        if (double.IsNaN(StandaloneMaintenance) || StandaloneInitialByPosition.Length != Contributions.Length)
        {
            SpanThrow.InvalidData($"{ModelName}: the standalone margins were not computed (SpanMarginOptions.ComputeStandalone is false); the efficiency report needs them");
        }

        var result = ToMarginResult();
        var (_, rates) = ReportRates();
        var standalone = new double[Contributions.Length];
        foreach (var c in result.Contributions)
        {
            standalone[c.PositionIndex] = rates[c.Group] * StandaloneInitialByPosition[c.PositionIndex];
        }

        return EfficiencyReport.From(ModelName, result, [.. standalone]);
    }

    /// <summary>The report currency and the rate of every combined commodity of the result.</summary>
    private (Currency Currency, Dictionary<string, double> Rates) ReportRates()
    {
        var rates = new Dictionary<string, double>(StringComparer.Ordinal);
        if (CurrencyConversion is { } fx)
        {
            foreach (var cc in CombinedCommodities)
            {
                rates[cc.Code] = fx.RateFrom(cc.Currency);
            }

            return (fx.ReportCurrency, rates);
        }

        if (Currencies.Length > 1)
        {
            string each = string.Join(", ", CombinedCommodities.Select(cc => $"{cc.Code}: {cc.Currency}"));
            SpanThrow.InvalidData($"{ModelName}: the combined commodities use several currencies ({string.Join(", ", Currencies)}; {each}); " +
                "amounts are not added across currencies — set SpanMarginOptions.CurrencyConversion with explicit rates");
        }

        foreach (var cc in CombinedCommodities)
        {
            rates[cc.Code] = 1;
        }

        string? code = Currencies.Length == 1 ? Currencies[0] : FileCurrency;
        if (code is null)
        {
            SpanThrow.InvalidData($"{ModelName}: the result has no currency (no combined commodity and no currency definition); set SpanMarginOptions.CurrencyConversion");
        }

        return (new Currency(code), rates);
    }

    private MarginNode CombinedCommodityNode(SpanCombinedCommodityResult cc, double x, Currency currency)
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
        string credits = string.Join("; ", InterSpreads
            .Where(s => s.CreditsByCombinedCommodity.Any(k => k.Key == cc.Code))
            .Select(s => F($"spread {s.Priority}: {s.Spreads:0.####} × rate {s.CreditRate:R}")));
        core.Add(MarginNode.Leaf(p + "inter credit", -x * cc.InterCredit, -x * cc.InterCredit,
            F($"subtracted; WPR {cc.WeightedPriceRisk:0.####}") + (credits.Length > 0 ? "; " + credits : string.Empty)));
        double coreAmount = x * (cc.ScanRisk + cc.IntraSpreadCharge + cc.SpotCharge - cc.InterCredit);
        var coreNode = new MarginNode(p + "scan + spreads", coreAmount, coreAmount, core.ToImmutable(), "scan + intra + spot − inter credit");

        var somNode = new MarginNode(p + "short option minimum", x * cc.ShortOptionMinimum, x * cc.ShortOptionMinimum,
            [.. cc.SomTiers.Select(t => MarginNode.Leaf(F($"{p}SOM tier {t.Tier}"), x * t.Charge, x * t.Charge,
                F($"{t.Rate:R} × {(t.Method == SpanSomMethod.Gross ? "(" : "max(")}short calls {t.ShortCalls:0.####}{(t.Method == SpanSomMethod.Gross ? " + " : ", ")}short puts {t.ShortPuts:0.####})")))],
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

    private BindingScenario? Binding(SpanCombinedCommodityResult cc, double x)
    {
        if (cc.BindingScenarios.IsEmpty)
        {
            return null;
        }

        var tier = cc.ScanTiers.FirstOrDefault(t => t.BindingScenarios.SequenceEqual(cc.BindingScenarios)) ?? cc.ScanTiers[0];
        int s = cc.BindingScenarios[0];
        return new BindingScenario(cc.Code, ScenarioId(s), ScenarioName(s), x * tier.ScenarioLosses[s - 1], [.. cc.BindingScenarios.Skip(1).Select(ScenarioId)]);
    }

    private void AddDiagnostics(SpanCombinedCommodityResult cc, double x, Currency currency, ImmutableArray<MarginDiagnostic>.Builder into)
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

    private string ScenarioName(int point)
    {
        if (ScenarioPoints.Length != SpanRiskParameters.ScenarioCount)
        {
            return F($"point {point}");
        }

        var s = ScenarioPoints[point - 1];
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
