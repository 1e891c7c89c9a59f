using System.Globalization;

namespace PortfolioMargin.Correlation;

/// <summary>A Ledoit–Wolf shrunk covariance <c>Σ* = δ F + (1 − δ) S</c> with its intensity and target.</summary>
/// <param name="Covariance">The shrunk covariance <c>Σ*</c> (per period, units of returns squared).</param>
/// <param name="Intensity">The shrinkage intensity <c>δ ∈ [0, 1]</c>.</param>
/// <param name="Target">The target <c>F</c> used.</param>
public sealed record ShrinkageResult(CovarianceMatrix Covariance, double Intensity, ShrinkageTarget Target)
{
    /// <summary>One line: target and intensity (invariant culture).</summary>
    /// <returns>The summary.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Ledoit-Wolf {Target}: intensity {Intensity:F6}, n = {Covariance.Count}");
}
