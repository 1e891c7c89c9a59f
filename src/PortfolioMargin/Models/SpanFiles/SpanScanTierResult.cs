using System.Collections.Immutable;
using System.Globalization;

namespace PortfolioMargin.Models.SpanFiles;

/// <summary>The scan risk of one scan tier.</summary>
/// <param name="Tier">Tier number (0 when the combined commodity has no scan tiers).</param>
/// <param name="ScenarioLosses">The 16 losses <c>L_j = Σ q · a_j</c>.</param>
/// <param name="ScanRisk"><c>max(0, max_j L_j)</c>.</param>
/// <param name="BindingScenarios">1-based scenarios attaining the maximum (all ties); empty when every loss is ≤ 0.</param>
/// <param name="TimeRisk">Mean loss of the zero-price-move scenarios.</param>
/// <param name="PriceRisk">Price part of the scan risk, <c>(L_s* + L_paired)/2 − time risk</c> (0 when the binding scenario has no price move).</param>
public sealed record SpanScanTierResult(int Tier, ImmutableArray<double> ScenarioLosses, double ScanRisk, ImmutableArray<int> BindingScenarios, double TimeRisk, double PriceRisk);
