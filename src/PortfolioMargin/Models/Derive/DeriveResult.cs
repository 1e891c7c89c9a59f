using System.Collections.Immutable;

namespace PortfolioMargin.Models.Derive;

/// <summary>One option expiry of a Derive group: the quantities the scenarios use. Amounts in the report currency.</summary>
/// <param name="Tau">Years to expiry (seconds / 365 days).</param>
/// <param name="Forward">Forward of the expiry.</param>
/// <param name="Rate">Discount rate of the expiry.</param>
/// <param name="MarkToMarket">Value of the expiry's options (discounted Black-76 at mark vols).</param>
/// <param name="VolShockUp">Up multiplier of the vols.</param>
/// <param name="VolShockDown">Down multiplier of the vols.</param>
/// <param name="DiscountPositive">Static discount of a positive shocked value.</param>
/// <param name="DiscountNegative">Static discount (mark-up) of a negative shocked value.</param>
/// <param name="ForwardContingency">The expiry's forward contingency (≤ 0).</param>
public sealed record DeriveExpiry(double Tau, double Forward, double Rate, double MarkToMarket, double VolShockUp, double VolShockDown,
    double DiscountPositive, double DiscountNegative, double ForwardContingency);

/// <summary>
/// Derive PM2 figures of one underlying (one PM2 subaccount), in Derive's sign convention: P&amp;L and losses are
/// negative when they cost; requirements (<see cref="MaintenanceRequirement"/>, <see cref="InitialRequirement"/>) are
/// positive. Derive's published margin is <c>MarkToMarket + cash − requirement</c>.
/// </summary>
/// <param name="Group">Underlying symbol.</param>
/// <param name="MarkToMarket">Options at mark plus base-asset collateral (perpetuals and cash not included).</param>
/// <param name="ScenarioPnl">P&amp;L of every scenario in parameter order (dampened, discounted; skew scenarios as −|P&amp;L| per expiry).</param>
/// <param name="WorstRegular">Least regular-scenario P&amp;L (not tail, not skew); 0 when there is none.</param>
/// <param name="WorstTail">Least tail-scenario P&amp;L; 0 when there is none.</param>
/// <param name="WorstSkew">Least skew-scenario P&amp;L; 0 when there is none.</param>
/// <param name="ForwardContingency">Σ over expiries of the forward contingency (≤ 0).</param>
/// <param name="MaxLoss">The minimum of the forward contingency and every scenario P&amp;L (≤ 0).</param>
/// <param name="BindingScenarioId">Id of the scenario that sets <see cref="MaxLoss"/>, or <c>FWD_CONT</c>.</param>
/// <param name="PerpContingency">Perpetual contingency: maintenance amount and initial add-on.</param>
/// <param name="OptionContingency">Naked short option contingency: maintenance amount and initial add-on.</param>
/// <param name="CollateralContingency">Base-asset haircut: maintenance amount and initial add-on.</param>
/// <param name="InitialLossFactor">The IM loss factor after the stablecoin depeg rule.</param>
/// <param name="MaintenanceRequirement"><c>−mmFactor·MaxLoss + maintenance contingencies</c>.</param>
/// <param name="InitialRequirement"><c>−imFactor·MaxLoss + maintenance contingencies + initial add-ons</c>.</param>
/// <param name="Expiries">Option expiries by ascending time.</param>
public sealed record DeriveGroupResult(string Group, double MarkToMarket, ImmutableArray<double> ScenarioPnl, double WorstRegular, double WorstTail,
    double WorstSkew, double ForwardContingency, double MaxLoss, string BindingScenarioId, (double Maintenance, double InitialAddOn) PerpContingency,
    (double Maintenance, double InitialAddOn) OptionContingency, (double Maintenance, double InitialAddOn) CollateralContingency, double InitialLossFactor,
    double MaintenanceRequirement, double InitialRequirement, ImmutableArray<DeriveExpiry> Expiries);

/// <summary>The common result and the per-underlying Derive figures.</summary>
/// <param name="Result">The margin result (requirements; contributions sum to them).</param>
/// <param name="Groups">Per underlying, in order of first appearance.</param>
public sealed record DeriveResult(MarginResult Result, ImmutableArray<DeriveGroupResult> Groups);
