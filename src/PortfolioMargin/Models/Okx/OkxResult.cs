using System.Collections.Immutable;

namespace PortfolioMargin.Models.Okx;

/// <summary>
/// OKX figures of one risk unit in the report currency, named as in the position-builder API (<c>mr1</c> … <c>mr9</c>,
/// <c>mmr</c>, <c>imr</c>). Losses are positive; scenario P&amp;L is profit-positive.
/// </summary>
/// <param name="Group">Underlying symbol.</param>
/// <param name="Mr1Scenarios">MR1 P&amp;L per spot shock and vol leg, in the order of <see cref="Mr1ScenarioIds"/>.</param>
/// <param name="Mr1ScenarioIds">Ids <c>MR1{move}_{VD|V0|VU}</c>.</param>
/// <param name="Mr1">Spot and vol shock: the worst MR1 loss (≥ 0).</param>
/// <param name="Mr2">Time value: the loss over the MR2 look-ahead (≥ 0).</param>
/// <param name="Mr3">Vega term structure (0: not modelled).</param>
/// <param name="Mr4">Basis risk.</param>
/// <param name="Mr5">Interest rate (0: not modelled).</param>
/// <param name="Mr6">Extreme move: factor × worst extreme loss.</param>
/// <param name="Mr6Pnl">P&amp;L of the worst extreme scenario.</param>
/// <param name="Mr7Raw">Minimum charge before the tiers.</param>
/// <param name="Mr7">Minimum charge after the tiers.</param>
/// <param name="Mr9">Stablecoin depeg.</param>
/// <param name="Mmr"><c>max(max(MR1, MR2, MR6) + MR3 + MR4 + MR5 + MR9, MR7)</c>.</param>
/// <param name="Imr"><c>ratio × Mmr</c>.</param>
/// <param name="Binding">What sets the MMR: an MR1 or MR6 scenario id, <c>MR2</c>, or <c>MR7</c>; null when the MMR is 0.</param>
public sealed record OkxUnitResult(string Group, ImmutableArray<double> Mr1Scenarios, ImmutableArray<string> Mr1ScenarioIds, double Mr1, double Mr2, double Mr3,
    double Mr4, double Mr5, double Mr6, double Mr6Pnl, double Mr7Raw, double Mr7, double Mr9, double Mmr, double Imr, string? Binding);

/// <summary>The common result and the per-risk-unit OKX figures.</summary>
/// <param name="Result">The margin result (MM = Σ MMR, IM = Σ IMR).</param>
/// <param name="Units">Per risk unit, in order of first appearance.</param>
public sealed record OkxResult(MarginResult Result, ImmutableArray<OkxUnitResult> Units);
