using System.Collections.Immutable;
using PortfolioMargin.Scenarios;

namespace PortfolioMargin.Models.Grid;

/// <summary>An expiry tier of a risk group: positions whose days to expiry lie in <c>[FromDays, ToDays)</c> (spot and perpetuals have 0 days).</summary>
/// <param name="Number">Tier number used by spread rules.</param>
/// <param name="FromDays">Inclusive lower bound in days to expiry.</param>
/// <param name="ToDays">Exclusive upper bound in days to expiry.</param>
public sealed record ExpiryTier(int Number, double FromDays, double ToDays)
{
    /// <summary>True when a position <paramref name="daysToExpiry"/> days from expiry falls in the tier.</summary>
    public bool Contains(double daysToExpiry) => daysToExpiry >= FromDays && daysToExpiry < ToDays;
}

/// <summary>
/// An intra-group (calendar) spread rule: when tiers A and B hold net deltas of opposite sign, form
/// <c>n = min(|Δ_A|/DeltaPerSpreadA, |Δ_B|/DeltaPerSpreadB)</c> spreads, charge <c>n · ChargePerSpread</c> and consume
/// <c>n·ratio</c> of delta from each tier before the next rule. Rules apply in ascending <see cref="Priority"/>.
/// </summary>
/// <param name="Priority">Order of application (lower first).</param>
/// <param name="TierA">First tier number.</param>
/// <param name="TierB">Second tier number.</param>
/// <param name="DeltaPerSpreadA">Delta (units of underlying) of tier A per spread; &gt; 0.</param>
/// <param name="DeltaPerSpreadB">Delta (units of underlying) of tier B per spread; &gt; 0.</param>
/// <param name="ChargePerSpread">Charge per spread in the report currency; ≥ 0.</param>
public sealed record IntraSpreadRule(int Priority, int TierA, int TierB, double DeltaPerSpreadA, double DeltaPerSpreadB, double ChargePerSpread);

/// <summary>How the short option minimum counts short options.</summary>
public enum ShortOptionMinimumMethod : byte
{
    /// <summary><c>rate · max(net short calls, net short puts)</c> (CME default).</summary>
    MaxOfSides = 0,

    /// <summary><c>rate · (net short calls + net short puts)</c>.</summary>
    Gross = 1,
}

/// <summary>How net option value (premium-style options) enters the requirement.</summary>
public enum NetOptionValueHandling : byte
{
    /// <summary>Ignored: premiums are settled up front (crypto exchanges).</summary>
    Ignore = 0,

    /// <summary>Subtracted from the group requirement, floored at 0: <c>max(requirement − NOV, 0)</c> (SPAN premium-style).</summary>
    SubtractWithFloor = 1,
}

/// <summary>
/// Scenario-grid parameters of one risk group (one underlying). Amounts are in the report currency; rates that are
/// fractions of the underlying price use the base (unshocked) spot or forward. Immutable.
/// </summary>
public sealed record GridGroupParameters
{
    /// <summary>Creates the parameters; only the scenario set is required.</summary>
    /// <exception cref="ArgumentException">A rate is negative or not finite, the IM/MM ratio is below 1, or tier numbers repeat.</exception>
    public GridGroupParameters(
        ScenarioSet scenarios,
        double initialToMaintenance = 1.0,
        IEnumerable<ExpiryTier>? intraTiers = null,
        IEnumerable<IntraSpreadRule>? intraSpreads = null,
        double shortOptionMinimumPerUnit = 0.0,
        ShortOptionMinimumMethod shortOptionMinimumMethod = ShortOptionMinimumMethod.MaxOfSides,
        double shortOptionContingencyRate = 0.0,
        double offsettingFuturesContingencyRate = 0.0,
        NetOptionValueHandling netOptionValue = NetOptionValueHandling.Ignore)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        if (!(initialToMaintenance >= 1.0) || !double.IsFinite(initialToMaintenance))
        {
            throw new ArgumentOutOfRangeException(nameof(initialToMaintenance), initialToMaintenance, $"Initial-to-maintenance ratio must be a finite number >= 1, got {Guard.Format(initialToMaintenance)}.");
        }

        Guard.NonNegative(shortOptionMinimumPerUnit, "Short option minimum per unit");
        Guard.NonNegative(shortOptionContingencyRate, "Short option contingency rate");
        Guard.NonNegative(offsettingFuturesContingencyRate, "Offsetting futures contingency rate");
        if (!Enum.IsDefined(shortOptionMinimumMethod) || !Enum.IsDefined(netOptionValue))
        {
            Guard.ThrowArgument("Unknown short option minimum method or net option value handling.", nameof(shortOptionMinimumMethod));
        }

        var tiers = (intraTiers ?? []).ToImmutableArray();
        if (tiers.Select(t => t.Number).Distinct().Count() != tiers.Length)
        {
            Guard.ThrowArgument("Intra-group expiry tiers must have distinct numbers.", nameof(intraTiers));
        }

        foreach (ExpiryTier t in tiers)
        {
            if (!(t.ToDays > t.FromDays) || double.IsNaN(t.FromDays))
            {
                Guard.ThrowArgument($"Expiry tier {t.Number}: need FromDays < ToDays, got [{Guard.Format(t.FromDays)}, {Guard.Format(t.ToDays)}).", nameof(intraTiers));
            }
        }

        var spreads = (intraSpreads ?? []).OrderBy(s => s.Priority).ToImmutableArray();
        foreach (IntraSpreadRule s in spreads)
        {
            if (!tiers.Any(t => t.Number == s.TierA) || !tiers.Any(t => t.Number == s.TierB) || s.TierA == s.TierB)
            {
                Guard.ThrowArgument($"Intra spread priority {s.Priority}: tiers {s.TierA} and {s.TierB} must be two different defined tiers.", nameof(intraSpreads));
            }

            Guard.Positive(s.DeltaPerSpreadA, $"Intra spread priority {s.Priority}: delta per spread A");
            Guard.Positive(s.DeltaPerSpreadB, $"Intra spread priority {s.Priority}: delta per spread B");
            Guard.NonNegative(s.ChargePerSpread, $"Intra spread priority {s.Priority}: charge per spread");
        }

        Scenarios = scenarios;
        InitialToMaintenance = initialToMaintenance;
        IntraTiers = tiers;
        IntraSpreads = spreads;
        ShortOptionMinimumPerUnit = shortOptionMinimumPerUnit;
        ShortOptionMinimumMethod = shortOptionMinimumMethod;
        ShortOptionContingencyRate = shortOptionContingencyRate;
        OffsettingFuturesContingencyRate = offsettingFuturesContingencyRate;
        NetOptionValue = netOptionValue;
    }

    /// <summary>The scenarios the group is revalued under.</summary>
    public ScenarioSet Scenarios { get; }

    /// <summary><c>IM = MM × ratio</c>.</summary>
    public double InitialToMaintenance { get; }

    /// <summary>Expiry tiers for intra-group spreads.</summary>
    public ImmutableArray<ExpiryTier> IntraTiers { get; }

    /// <summary>Intra-group spread rules in priority order.</summary>
    public ImmutableArray<IntraSpreadRule> IntraSpreads { get; }

    /// <summary>Short option minimum per short unit of underlying (report currency); 0 = none.</summary>
    public double ShortOptionMinimumPerUnit { get; }

    /// <summary>How short options are counted for the minimum.</summary>
    public ShortOptionMinimumMethod ShortOptionMinimumMethod { get; }

    /// <summary>Crypto-style add-on per net short option unit per strike, as a fraction of the underlying price (Deribit: 0.01 BTC per option = 1 %).</summary>
    public double ShortOptionContingencyRate { get; }

    /// <summary>Add-on on futures offsetting each other across expiries: this fraction of <c>min(long notional, short notional)</c> of the group's futures and perpetuals (Deribit: 1 %).</summary>
    public double OffsettingFuturesContingencyRate { get; }

    /// <summary>Net option value handling.</summary>
    public NetOptionValueHandling NetOptionValue { get; }
}

/// <summary>Which side of an inter-group spread a leg is on.</summary>
public enum SpreadSide : byte
{
    /// <summary>Side A: all A legs must hold deltas of one sign.</summary>
    A = 0,

    /// <summary>Side B: the opposite sign of side A.</summary>
    B = 1,
}

/// <summary>One leg of an inter-group spread.</summary>
/// <param name="Group">Risk group (underlying symbol).</param>
/// <param name="DeltaPerSpread">Delta (units of underlying) of this leg per spread; &gt; 0.</param>
/// <param name="Side">Side of the spread.</param>
public sealed record InterSpreadLeg(string Group, double DeltaPerSpread, SpreadSide Side);

/// <summary>
/// An inter-group spread credit (spec §6.2.7): legs with delta ratios and sides; <c>n = min over legs(|remaining Δ| /
/// ratio)</c>; credit per leg <c>= n · ratio · WPR · CreditRate</c> with <c>WPR = price risk / |net Δ|</c> of the leg's
/// group; deltas consumed. Spreads apply in ascending priority.
/// </summary>
/// <param name="Priority">Order of application (lower first).</param>
/// <param name="CreditRate">Credit rate in [0, 1].</param>
/// <param name="Legs">Two or more legs, at least one per side.</param>
public sealed record InterGroupSpread(int Priority, double CreditRate, ImmutableArray<InterSpreadLeg> Legs);

/// <summary>The scenario-grid model's parameters: a versioned set of per-group parameters plus inter-group spreads. Immutable.</summary>
public sealed record GridParameters
{
    /// <summary>Creates the parameter set.</summary>
    /// <param name="version">Version label (e.g. <c>DERIBIT-PM-2024-06</c>), reported in results.</param>
    /// <param name="groups">Parameters by underlying symbol.</param>
    /// <param name="interSpreads">Inter-group spread credits (optional).</param>
    /// <exception cref="ArgumentException">Blank version, a bad spread (rate outside [0,1], fewer than two legs, a side missing, unknown group).</exception>
    public GridParameters(string version, IReadOnlyDictionary<string, GridGroupParameters> groups, IEnumerable<InterGroupSpread>? interSpreads = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        ArgumentNullException.ThrowIfNull(groups);
        var map = groups.ToImmutableSortedDictionary(StringComparer.Ordinal);
        var spreads = (interSpreads ?? []).OrderBy(s => s.Priority).ToImmutableArray();
        foreach (InterGroupSpread s in spreads)
        {
            if (!(s.CreditRate >= 0 && s.CreditRate <= 1))
            {
                Guard.ThrowArgument($"Inter-group spread priority {s.Priority}: credit rate must be in [0, 1], got {Guard.Format(s.CreditRate)}.", nameof(interSpreads));
            }

            if (s.Legs.IsDefaultOrEmpty || s.Legs.Length < 2 || !s.Legs.Any(l => l.Side == SpreadSide.A) || !s.Legs.Any(l => l.Side == SpreadSide.B))
            {
                Guard.ThrowArgument($"Inter-group spread priority {s.Priority}: needs at least one leg on each side.", nameof(interSpreads));
            }

            foreach (InterSpreadLeg leg in s.Legs)
            {
                Guard.Positive(leg.DeltaPerSpread, $"Inter-group spread priority {s.Priority}, leg {leg.Group}: delta per spread");
                if (!map.ContainsKey(leg.Group))
                {
                    Guard.ThrowArgument($"Inter-group spread priority {s.Priority}: leg group '{leg.Group}' has no group parameters.", nameof(interSpreads));
                }
            }
        }

        Version = version;
        Groups = map;
        InterSpreads = spreads;
    }

    /// <summary>Version label.</summary>
    public string Version { get; }

    /// <summary>Parameters by underlying symbol.</summary>
    public ImmutableSortedDictionary<string, GridGroupParameters> Groups { get; }

    /// <summary>Inter-group spreads in priority order.</summary>
    public ImmutableArray<InterGroupSpread> InterSpreads { get; }

    /// <summary>The parameters of a group.</summary>
    /// <exception cref="KeyNotFoundException">The parameter set has no entry for the group (names the group and version).</exception>
    public GridGroupParameters For(string group) =>
        Groups.TryGetValue(group, out GridGroupParameters? g)
            ? g
            : throw new KeyNotFoundException($"Grid parameter set '{Version}' has no parameters for risk group '{group}'.");
}
