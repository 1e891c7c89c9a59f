using System.Collections.Immutable;

namespace PortfolioMargin.Models.Grid;

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
