using System.Collections.Immutable;
using PortfolioMargin.Scenarios;

namespace PortfolioMargin.Models.Grid;

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
