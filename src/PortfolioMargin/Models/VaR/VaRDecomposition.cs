using System.Collections.Immutable;

namespace PortfolioMargin.Models.VaR;

/// <summary>Risk figures of one factor in a delta-normal decomposition (report currency; of the chosen measure, before the multiplier).</summary>
/// <param name="Label">Factor label.</param>
/// <param name="Exposure">Dollar delta <c>e_k</c>.</param>
/// <param name="Standalone">The measure of the factor's exposure alone: <c>c·√h·|e_k|·σ_k</c>.</param>
/// <param name="Marginal">Marginal measure per unit of exposure: <c>c·√h·(Σe)_k/σ_p</c>.</param>
/// <param name="Component">Component (Euler) measure <c>e_k·marginal_k</c>; the components sum to the total.</param>
/// <param name="Incremental">Incremental measure: total minus the total without this factor's exposure.</param>
public sealed record FactorRisk(string Label, double Exposure, double Standalone, double Marginal, double Component, double Incremental);

/// <summary>Risk figures of one position in a delta-normal decomposition (report currency; of the chosen measure, before the multiplier).</summary>
/// <param name="PositionIndex">Index in the portfolio.</param>
/// <param name="Label">Instrument name.</param>
/// <param name="Factor">Factor label.</param>
/// <param name="Exposure">Dollar delta <c>e_i</c>.</param>
/// <param name="Standalone">The measure of the position alone: <c>c·√h·|e_i|·σ_k</c>.</param>
/// <param name="Marginal">Marginal measure per unit of exposure (that of its factor).</param>
/// <param name="Component">Component measure <c>e_i·marginal_k</c> (the factor's component split by exposure share); the components sum to the total.</param>
/// <param name="Incremental">Incremental measure: total minus the total of the book without this position.</param>
public sealed record PositionRisk(int PositionIndex, string Label, string Factor, double Exposure, double Standalone, double Marginal, double Component, double Incremental);

/// <summary>
/// A delta-normal VaR/ES with its full Euler decomposition. Amounts in the report currency, for the chosen
/// <see cref="VaROptions.Measure"/> with normal multiple <c>c</c> (<c>z_α</c> for VaR, <c>φ(z_α)/(1−α)</c> for ES), before the multiplier.
/// </summary>
/// <param name="Options">The options used.</param>
/// <param name="PortfolioSigma">Daily P&amp;L standard deviation <c>σ_p = √(eᵀΣe)</c>.</param>
/// <param name="ValueAtRisk"><c>z_α·σ_p·√h</c>.</param>
/// <param name="ExpectedShortfall"><c>σ_p·φ(z_α)/(1−α)·√h</c>.</param>
/// <param name="Total">The chosen measure (VaR or ES).</param>
/// <param name="Undiversified">Sum of the factor standalone measures <c>Σ_k c·√h·|e_k|·σ_k</c> (perfect correlation, worst signs).</param>
/// <param name="DiversificationBenefit"><c>Undiversified − Total</c> (≥ 0).</param>
/// <param name="Factors">Per factor the book holds, in order of first appearance.</param>
/// <param name="Positions">Per position, in portfolio order.</param>
public sealed record VaRDecomposition(VaROptions Options, double PortfolioSigma, double ValueAtRisk, double ExpectedShortfall, double Total,
    double Undiversified, double DiversificationBenefit, ImmutableArray<FactorRisk> Factors, ImmutableArray<PositionRisk> Positions);
