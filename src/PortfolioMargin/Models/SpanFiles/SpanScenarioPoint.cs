using System.Collections.Immutable;

namespace PortfolioMargin.Models.SpanFiles;

/// <summary>One scenario of the file's point definition (<c>pointDef/scanPointDef</c> or <c>deltaPointDef</c>).</summary>
/// <param name="Point">Point number (1…16 for scan points).</param>
/// <param name="PriceMove">Price move as a fraction of the price scan range: <c>mult · numerator / denominator</c>.</param>
/// <param name="VolatilityMove">Volatility move as a fraction of the volatility scan range: <c>mult · numerator / denominator</c>.</param>
/// <param name="Weight">The scenario weight; informational: risk-array values in the file already include it.</param>
/// <param name="PairedPoint">The paired point (same price move, opposite volatility move); 0 when absent.</param>
public sealed record SpanScenarioPoint(int Point, double PriceMove, double VolatilityMove, double Weight, int PairedPoint);
