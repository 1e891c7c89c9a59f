using System.Collections.Immutable;
using System.Globalization;

namespace PortfolioMargin.Models.SpanFiles;

/// <summary>The SPAN requirement of one combined commodity.</summary>
public sealed record SpanCombinedCommodityResult
{
    /// <summary>Combined commodity code.</summary>
    public required string Code { get; init; }

    /// <summary>Margin currency.</summary>
    public required string Currency { get; init; }

    /// <summary>The 16 scenario losses over all positions of the combined commodity (sum over scan tiers).</summary>
    public required ImmutableArray<double> ScenarioLosses { get; init; }

    /// <summary>The scan risk: the sum over scan tiers of <c>max(0, max_j L_j)</c>.</summary>
    public required double ScanRisk { get; init; }

    /// <summary>Binding scenarios (1-based, all ties) of the combined commodity when it has one scan tier; of the riskiest tier otherwise.</summary>
    public required ImmutableArray<int> BindingScenarios { get; init; }

    /// <summary>Per scan tier detail.</summary>
    public required ImmutableArray<SpanScanTierResult> ScanTiers { get; init; }

    /// <summary>Net delta per period before spreading (futures-equivalents in file units), by period code.</summary>
    public required ImmutableArray<KeyValuePair<string, double>> NetDeltaByPeriod { get; init; }

    /// <summary>Intra-commodity spreads formed, in priority order.</summary>
    public required ImmutableArray<SpanIntraSpreadResult> IntraSpreads { get; init; }

    /// <summary>Total intra-commodity spread charge.</summary>
    public required double IntraSpreadCharge { get; init; }

    /// <summary>Spot (delivery-month) charge.</summary>
    public required double SpotCharge { get; init; }

    /// <summary>Per SOM tier detail.</summary>
    public required ImmutableArray<SpanSomTierResult> SomTiers { get; init; }

    /// <summary>Short option minimum (sum over SOM tiers).</summary>
    public required double ShortOptionMinimum { get; init; }

    /// <summary>Inter-commodity credit granted to this combined commodity.</summary>
    public required double InterCredit { get; init; }

    /// <summary>Weighted futures price risk used by inter-commodity spreads: price risk / |net delta| (0 when the net delta is 0).</summary>
    public required double WeightedPriceRisk { get; init; }

    /// <summary>Risk requirement at the base rate: <c>max(scan + intra + spot − interCredit, SOM)</c>.</summary>
    public required double RiskRequirement { get; init; }

    /// <summary>Whether the SOM is binding (SOM &gt; scan + intra + spot − interCredit).</summary>
    public required bool SomBinds { get; init; }

    /// <summary>Net option value of premium-style options <c>Σ q · p · cvf</c> (0 when NOV is off).</summary>
    public required double NetOptionValue { get; init; }

    /// <summary>Maintenance scaling factor from <c>adjRate</c> (1 at the base rate).</summary>
    public required double MaintenanceFactor { get; init; }

    /// <summary>Initial scaling factor from <c>adjRate</c>.</summary>
    public required double InitialFactor { get; init; }

    /// <summary>Maintenance margin: <c>max(0, fM · risk requirement − NOV)</c> (without the floor when it is off).</summary>
    public required double MaintenanceMargin { get; init; }

    /// <summary>Initial margin: <c>max(0, fI · risk requirement − NOV)</c>.</summary>
    public required double InitialMargin { get; init; }

    /// <summary>Whether the floor at 0 applied to the maintenance margin.</summary>
    public required bool FloorApplied { get; init; }
}
