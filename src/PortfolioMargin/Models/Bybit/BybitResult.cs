using System.Collections.Immutable;

namespace PortfolioMargin.Models.Bybit;

/// <summary>Bybit figures of one risk unit in the report currency: the stress test and each contingency.</summary>
/// <param name="Group">Underlying symbol.</param>
/// <param name="ScenarioPnl">Stress-test P&amp;L per scenario (price point × IV up/same/down), in the order of <see cref="ScenarioIds"/>.</param>
/// <param name="ScenarioIds">Ids <c>S{move}_{VU|V0|VD}</c>.</param>
/// <param name="MaximumLoss">−min of the stress-test P&amp;L (at least 0).</param>
/// <param name="BindingScenarioId">The scenario with the maximum loss, or null.</param>
/// <param name="ShortOption">Short-option contingency.</param>
/// <param name="VegaSpread">Vega-spread contingency.</param>
/// <param name="DeltaSpread">Delta-spread contingency.</param>
/// <param name="Futures">Perpetual/futures contingency.</param>
/// <param name="MaintenanceMargin">Maximum loss + contingencies.</param>
/// <param name="InitialMargin">IM factor × maintenance margin.</param>
public sealed record BybitUnitResult(string Group, ImmutableArray<double> ScenarioPnl, ImmutableArray<string> ScenarioIds, double MaximumLoss, string? BindingScenarioId,
    double ShortOption, double VegaSpread, double DeltaSpread, double Futures, double MaintenanceMargin, double InitialMargin);

/// <summary>The common result, per-risk-unit Bybit figures and the USDT-USDC spread contingency per base asset.</summary>
/// <param name="Result">The margin result.</param>
/// <param name="Units">Per risk unit, in order of first appearance.</param>
/// <param name="StablecoinSpread">USDT-USDC spread contingency (MM) per base asset; empty when none.</param>
public sealed record BybitResult(MarginResult Result, ImmutableArray<BybitUnitResult> Units, ImmutableArray<(string Base, double Contingency)> StablecoinSpread);
