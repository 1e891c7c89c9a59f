using System.Collections.Immutable;

namespace PortfolioMargin.Models.Deribit;

/// <summary>
/// Deribit PME figures of one underlying in the report currency, named as in <c>private/pme/simulate</c>
/// (<c>margins.{currency}.initial_margin_details</c>). P&amp;L vectors are profit-positive.
/// </summary>
/// <param name="Group">Underlying symbol.</param>
/// <param name="PreAggregatedStandard">Σ of the positions' standard risk vectors (27 = 9 price points × vol up/same/down).</param>
/// <param name="PreAggregatedExtended">Σ of the positions' extended risk vectors (after the extended factor, before the dampener).</param>
/// <param name="Standard">Aggregated standard vector: positive entries times <c>pnl_offset</c> (capped).</param>
/// <param name="Extended">Aggregated extended vector: dampened towards 0, then positive entries times <c>pnl_offset</c>.</param>
/// <param name="WorstCase">−min of both aggregated vectors (at least 0), rounded to the parameter set's decimals.</param>
/// <param name="BindingScenarioId">Id of the entry that sets the worst case (<c>G…</c> standard, <c>X…</c> extended), or null when nothing loses.</param>
/// <param name="RollShock">Roll shock.</param>
/// <param name="DeltaShock">Delta shock.</param>
/// <param name="CorrelationContingency">Correlation contingency (0: not modelled).</param>
/// <param name="RiskMatrixMargin"><c>WorstCase + RollShock + DeltaShock + CorrelationContingency</c>.</param>
/// <param name="MaintenanceMargin"><c>mm_factor · RiskMatrixMargin</c>.</param>
/// <param name="InitialMargin"><c>RiskMatrixMargin</c> (MMP, spot and open-order margin are not part of the model).</param>
public sealed record DeribitGroupResult(string Group, ImmutableArray<double> PreAggregatedStandard, ImmutableArray<double> PreAggregatedExtended,
    ImmutableArray<double> Standard, ImmutableArray<double> Extended, double WorstCase, string? BindingScenarioId, double RollShock, double DeltaShock,
    double CorrelationContingency, double RiskMatrixMargin, double MaintenanceMargin, double InitialMargin);

/// <summary>The common result, per-underlying Deribit figures, and each position's own risk vectors.</summary>
/// <param name="Result">The margin result.</param>
/// <param name="Groups">Per underlying, in order of first appearance.</param>
/// <param name="PositionStandard">Per position (portfolio order) its standard risk vector (<c>initial_risk_vectors.*.standard</c>).</param>
/// <param name="PositionExtended">Per position its extended risk vector (after the extended factor).</param>
public sealed record DeribitResult(MarginResult Result, ImmutableArray<DeribitGroupResult> Groups, ImmutableArray<ImmutableArray<double>> PositionStandard,
    ImmutableArray<ImmutableArray<double>> PositionExtended);
