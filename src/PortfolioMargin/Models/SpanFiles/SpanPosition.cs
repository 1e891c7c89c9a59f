using System.Collections.Immutable;
using System.Globalization;

namespace PortfolioMargin.Span;

/// <summary>A position on a contract of a SPAN file, by contract ids or by contract terms.</summary>
/// <remarks>The quantity is signed (long &gt; 0, short &lt; 0) and in the file's unit (one contract in CME/MCX files,
/// one unit of the underlying in NSE files) unless <see cref="InLots"/> is set, in which case it is converted with
/// <see cref="SpanMarginOptions.LotSizes"/>.</remarks>
public sealed record SpanPosition
{
    private SpanPosition(SpanContractKey? key, SpanContractId? id, double quantity, bool inLots, string? label)
    {
        if (!double.IsFinite(quantity))
        {
            SpanThrow.Argument(nameof(quantity), $"quantity {quantity.ToString(CultureInfo.InvariantCulture)} of position '{label ?? key?.ToString() ?? id?.ToString()}' must be finite");
        }

        Key = key;
        Id = id;
        Quantity = quantity;
        InLots = inLots;
        Label = label ?? key?.ToString() ?? id!.Value.ToString();
    }

    /// <summary>The contract's terms, when the position refers to the contract by terms.</summary>
    public SpanContractKey? Key { get; }

    /// <summary>The contract's ids, when the position refers to the contract by ids.</summary>
    public SpanContractId? Id { get; }

    /// <summary>Signed quantity: file units, or lots when <see cref="InLots"/>.</summary>
    public double Quantity { get; }

    /// <summary>Whether <see cref="Quantity"/> is in lots (converted with <see cref="SpanMarginOptions.LotSizes"/>).</summary>
    public bool InLots { get; }

    /// <summary>A label for results and messages (defaults to the key or ids).</summary>
    public string Label { get; }

    /// <summary>A position on the contract with terms <paramref name="key"/>.</summary>
    /// <param name="key">Combined commodity, family code, period, strike and right.</param>
    /// <param name="quantity">Signed quantity (finite).</param>
    /// <param name="inLots">Whether the quantity is in lots.</param>
    /// <param name="label">Optional label.</param>
    /// <returns>The position.</returns>
    /// <exception cref="ArgumentException">The quantity is NaN or infinite.</exception>
    public static SpanPosition ByKey(SpanContractKey key, double quantity, bool inLots = false, string? label = null) => new(key, null, quantity, inLots, label);

    /// <summary>A position on the contract with ids <paramref name="id"/>.</summary>
    /// <param name="id">Exchange, family id and contract id.</param>
    /// <param name="quantity">Signed quantity (finite).</param>
    /// <param name="inLots">Whether the quantity is in lots.</param>
    /// <param name="label">Optional label.</param>
    /// <returns>The position.</returns>
    /// <exception cref="ArgumentException">The quantity is NaN or infinite.</exception>
    public static SpanPosition ById(SpanContractId id, double quantity, bool inLots = false, string? label = null) => new(null, id, quantity, inLots, label);

    /// <summary>A position on a contract found in the file (e.g. by <see cref="SpanRiskParameters.Contracts"/>).</summary>
    /// <param name="contract">The contract.</param>
    /// <param name="quantity">Signed quantity (finite).</param>
    /// <param name="inLots">Whether the quantity is in lots.</param>
    /// <param name="label">Optional label.</param>
    /// <returns>The position.</returns>
    /// <exception cref="ArgumentException">The quantity is NaN or infinite.</exception>
    public static SpanPosition Of(SpanContract contract, double quantity, bool inLots = false, string? label = null) => new(null, contract.Id, quantity, inLots, label ?? contract.ToString());
}

/// <summary>Parameters of the SPAN margin calculation.</summary>
public sealed record SpanMarginOptions
{
    /// <summary>The defaults: rate id 1, maintenance = initial = the base requirement, NOV floored at 0, standalone figures computed.</summary>
    public static SpanMarginOptions Default { get; } = new();

    /// <summary>The rate id (<c>r</c>) whose spread, spot and SOM rates apply (default 1). A rule holding a single rate uses it whatever its id.</summary>
    public int RateId { get; init; } = 1;

    /// <summary>The rate id of the maintenance requirement; <see langword="null"/> = <see cref="RateId"/> (factor 1).
    /// Otherwise the factor is the product of <c>adjRate</c> values from this id down to <see cref="RateId"/>.</summary>
    public int? MaintenanceRateId { get; init; }

    /// <summary>The rate id of the initial requirement; <see langword="null"/> = the maintenance rate id.</summary>
    public int? InitialRateId { get; init; }

    /// <summary>Lot sizes by product family code (file units per lot), used for positions with <see cref="SpanPosition.InLots"/>.</summary>
    public IReadOnlyDictionary<string, double>? LotSizes { get; init; }

    /// <summary>Whether premium-style options' net option value is subtracted (default true).</summary>
    public bool ApplyNetOptionValue { get; init; } = true;

    /// <summary>Whether each combined commodity's requirement after NOV is floored at 0 (default true).</summary>
    public bool FloorAtZero { get; init; } = true;

    /// <summary>Overrides every combined commodity's <c>somMeth</c>; <see langword="null"/> = the file's method.</summary>
    public SpanSomMethod? SomMethod { get; init; }

    /// <summary>Whether to compute the standalone sum and efficiency (one extra calculation per position; default true).</summary>
    public bool ComputeStandalone { get; init; } = true;

    /// <summary>How <see cref="SpanMarginResult.ToMarginResult"/> and <see cref="SpanMarginResult.ToEfficiencyReport"/> bring the
    /// combined commodities' currencies to one currency; <see langword="null"/> (default) = no conversion, and a result whose
    /// combined commodities use several currencies is refused rather than added up.</summary>
    public SpanCurrencyConversion? CurrencyConversion { get; init; }
}

/// <summary>One position's share of the margin.</summary>
/// <param name="Label">The position's label.</param>
/// <param name="PositionIndex">Index of the position in the input.</param>
/// <param name="CombinedCommodity">The combined commodity of its contract.</param>
/// <param name="Contract">The contract the position resolved to.</param>
/// <param name="Quantity">Quantity in file units (after lot conversion).</param>
/// <param name="ScanRisk">Share of the scan risk: its loss in its scan tier's binding scenario (0 when SOM binds or the scan risk is 0).</param>
/// <param name="IntraSpreadCharge">Share of intra-commodity spread charges.</param>
/// <param name="SpotCharge">Share of the spot charge.</param>
/// <param name="InterCredit">Share of inter-commodity credits (≥ 0; subtracted).</param>
/// <param name="ShortOptionMinimum">Share of the SOM (when SOM binds).</param>
/// <param name="NetOptionValue">Its net option value <c>q · p · cvf</c> (subtracted; 0 for non-premium products or when NOV is off).</param>
/// <param name="Maintenance">Contribution to the maintenance margin: <c>fM · (scan + intra + spot − credit or SOM) − NOV</c>; 0 when the floor applies.</param>
/// <param name="Initial">Contribution to the initial margin, the same with the initial factor.</param>
public sealed record SpanPositionContribution(
    string Label,
    int PositionIndex,
    string CombinedCommodity,
    SpanContractId Contract,
    double Quantity,
    double ScanRisk,
    double IntraSpreadCharge,
    double SpotCharge,
    double InterCredit,
    double ShortOptionMinimum,
    double NetOptionValue,
    double Maintenance,
    double Initial);

/// <summary>The scan risk of one scan tier.</summary>
/// <param name="Tier">Tier number (0 when the combined commodity has no scan tiers).</param>
/// <param name="ScenarioLosses">The 16 losses <c>L_j = Σ q · a_j</c>.</param>
/// <param name="ScanRisk"><c>max(0, max_j L_j)</c>.</param>
/// <param name="BindingScenarios">1-based scenarios attaining the maximum (all ties); empty when every loss is ≤ 0.</param>
/// <param name="TimeRisk">Mean loss of the zero-price-move scenarios.</param>
/// <param name="PriceRisk">Price part of the scan risk, <c>(L_s* + L_paired)/2 − time risk</c> (0 when the binding scenario has no price move).</param>
public sealed record SpanScanTierResult(int Tier, ImmutableArray<double> ScenarioLosses, double ScanRisk, ImmutableArray<int> BindingScenarios, double TimeRisk, double PriceRisk);

/// <summary>A spread leg as formed: the delta before forming the spread and the delta it consumed.</summary>
/// <param name="Leg">The leg definition.</param>
/// <param name="DeltaBefore">Remaining net delta of the leg's period or tier before this spread.</param>
/// <param name="DeltaConsumed">Delta consumed, <c>n · i</c> (in the direction of the leg's delta).</param>
public sealed record SpanLegResult(SpanSpreadLeg Leg, double DeltaBefore, double DeltaConsumed);

/// <summary>An intra-commodity spread as formed.</summary>
/// <param name="Priority">The spread priority.</param>
/// <param name="ChargeMethod">The charge method.</param>
/// <param name="Spreads">Number of spreads formed, <c>n = min over legs(|Δ_leg| / i_leg)</c>.</param>
/// <param name="Rate">Charge per spread.</param>
/// <param name="Charge"><c>n · rate</c>.</param>
/// <param name="Legs">The legs.</param>
public sealed record SpanIntraSpreadResult(int Priority, string ChargeMethod, double Spreads, double Rate, double Charge, ImmutableArray<SpanLegResult> Legs);

/// <summary>An inter-commodity spread as formed.</summary>
/// <param name="Priority">The spread priority.</param>
/// <param name="Spreads">Number of spreads formed.</param>
/// <param name="CreditRate">The credit rate (fraction).</param>
/// <param name="Legs">The legs.</param>
/// <param name="CreditsByCombinedCommodity">Credit per leg's combined commodity: <c>n · i · WPR · rate</c>.</param>
public sealed record SpanInterSpreadResult(int Priority, double Spreads, double CreditRate, ImmutableArray<SpanLegResult> Legs, ImmutableArray<KeyValuePair<string, double>> CreditsByCombinedCommodity);

/// <summary>The short option minimum of one SOM tier.</summary>
/// <param name="Tier">Tier number.</param>
/// <param name="Rate">Charge per short option (file unit).</param>
/// <param name="ShortCalls">Net short calls (netted per contract first), file units.</param>
/// <param name="ShortPuts">Net short puts, file units.</param>
/// <param name="Method">Max-of-sides or gross.</param>
/// <param name="Charge"><c>rate · max(calls, puts)</c> or <c>rate · (calls + puts)</c>.</param>
public sealed record SpanSomTierResult(int Tier, double Rate, double ShortCalls, double ShortPuts, SpanSomMethod Method, double Charge);

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

/// <summary>The SPAN margin of a set of positions, computed from a file's risk arrays and rules.</summary>
/// <remarks>Immutable. Every number is traceable: per combined commodity the scenario losses, binding scenarios, each charge
/// and credit; per position a contribution; and diagnostics for parts of the file that were not applied.
/// <see cref="Figures"/> flattens the breakdown to named numbers.</remarks>
public sealed partial record SpanMarginResult
{
    /// <summary>Total maintenance margin (sum over combined commodities; amounts of different currencies are added as they are,
    /// so with several <see cref="Currencies"/> use <see cref="ToMarginResult"/> with a <see cref="SpanMarginOptions.CurrencyConversion"/>).</summary>
    public required double MaintenanceMargin { get; init; }

    /// <summary>Total initial margin.</summary>
    public required double InitialMargin { get; init; }

    /// <summary>The currencies of the combined commodities involved (one in the usual case).</summary>
    public required ImmutableArray<string> Currencies { get; init; }

    /// <summary>Per combined commodity results, in the order of the file.</summary>
    public required ImmutableArray<SpanCombinedCommodityResult> CombinedCommodities { get; init; }

    /// <summary>Inter-commodity spreads formed, in priority order.</summary>
    public required ImmutableArray<SpanInterSpreadResult> InterSpreads { get; init; }

    /// <summary>Per position contributions (input order); their maintenance (initial) values sum to <see cref="MaintenanceMargin"/> (<see cref="InitialMargin"/>).</summary>
    public required ImmutableArray<SpanPositionContribution> Contributions { get; init; }

    /// <summary>Sum of the maintenance margins of each position margined alone against the same file (NaN when not computed).</summary>
    public required double StandaloneMaintenance { get; init; }

    /// <summary>Savings from margining together: <c>1 − maintenance / standalone</c> (0 when the standalone sum is 0; NaN when not computed).</summary>
    public required double Efficiency { get; init; }

    /// <summary>Notes: parts of the file not applied, rules that picked a default.</summary>
    public required ImmutableArray<string> Diagnostics { get; init; }

    /// <summary>Maintenance margin of each position margined alone against the same file, in input order and in the currency of
    /// the position's combined commodity (empty when not computed).</summary>
    public ImmutableArray<double> StandaloneMaintenanceByPosition { get; init; } = [];

    /// <summary>Initial margin of each position margined alone, in input order (empty when not computed).</summary>
    public ImmutableArray<double> StandaloneInitialByPosition { get; init; } = [];

    /// <summary>The file's clearing organisation code (<c>clearingOrg/ec</c>).</summary>
    public string ClearingOrganization { get; init; } = string.Empty;

    /// <summary>The file's business date (YYYYMMDD).</summary>
    public string BusinessDate { get; init; } = string.Empty;

    /// <summary>The file's 16 scan scenarios (names of binding scenarios); empty when the file has no point definition.</summary>
    public ImmutableArray<SpanScenarioPoint> ScenarioPoints { get; init; } = [];

    /// <summary>The currency conversion of the options the result was computed with (<see langword="null"/> = none).</summary>
    public SpanCurrencyConversion? CurrencyConversion { get; init; }

    /// <summary>The currency an empty result is reported in.</summary>
    internal string? FileCurrency { get; init; }

    /// <summary>The breakdown as a flat list of named numbers (<c>cc/ES/scan</c>, <c>cc/ES/intra/1</c>, …), for a generic result tree.</summary>
    public ImmutableArray<KeyValuePair<string, double>> Figures
    {
        get
        {
            var b = ImmutableArray.CreateBuilder<KeyValuePair<string, double>>();
            void Add(string name, double v) => b.Add(new(name, v));
            Add("maintenance", MaintenanceMargin);
            Add("initial", InitialMargin);
            foreach (var cc in CombinedCommodities)
            {
                string p = "cc/" + cc.Code + "/";
                Add(p + "scan", cc.ScanRisk);
                foreach (var s in cc.IntraSpreads)
                {
                    Add(p + "intra/" + s.Priority.ToString(CultureInfo.InvariantCulture), s.Charge);
                }

                Add(p + "spot", cc.SpotCharge);
                Add(p + "interCredit", cc.InterCredit);
                foreach (var t in cc.SomTiers)
                {
                    Add(p + "som/" + t.Tier.ToString(CultureInfo.InvariantCulture), t.Charge);
                }

                Add(p + "risk", cc.RiskRequirement);
                Add(p + "nov", cc.NetOptionValue);
                Add(p + "maintenance", cc.MaintenanceMargin);
                Add(p + "initial", cc.InitialMargin);
            }

            Add("standalone", StandaloneMaintenance);
            Add("efficiency", Efficiency);
            return b.ToImmutable();
        }
    }
}
