using System.Globalization;

namespace PortfolioMargin.Correlation;

/// <summary>
/// The outcome of an explicit correlation repair: the valid matrix and diagnostics. <see cref="Matrix"/> is always a
/// valid <see cref="CorrelationMatrix"/>, even when <see cref="Converged"/> is false (then it is the last iterate's
/// PSD projection rescaled to unit diagonal, not the nearest matrix).
/// </summary>
/// <param name="Matrix">The repaired, valid correlation matrix.</param>
/// <param name="Method">The algorithm used (<see cref="RepairMethod.None"/> when the input was already valid).</param>
/// <param name="Iterations">Eigendecompositions performed in the iteration (0 when nothing was repaired).</param>
/// <param name="Converged">Whether the tolerance was met within the iteration cap.</param>
/// <param name="FrobeniusDistance">Distance to the input <c>‖X − A‖_F</c> (unweighted, diagonal included).</param>
/// <param name="SmallestEigenvalueBefore">Smallest eigenvalue of the (symmetrised) input <c>λ_min(A)</c>.</param>
/// <param name="SmallestEigenvalueAfter">Smallest eigenvalue of the result <c>λ_min(X)</c> (≥ −1e-10 up to rounding).</param>
public sealed record RepairResult(
    CorrelationMatrix Matrix,
    RepairMethod Method,
    int Iterations,
    bool Converged,
    double FrobeniusDistance,
    double SmallestEigenvalueBefore,
    double SmallestEigenvalueAfter)
{
    /// <summary>One line: method, convergence, iterations, distance and eigenvalues (invariant culture).</summary>
    /// <returns>The summary, e.g. <c>"Repair AndersonAcceleratedProjections: converged in 12 iterations; ‖X−A‖_F = 0.527790; λ_min −0.414214 → 1.2E-16"</c>.</returns>
    public string Summary() => string.Create(
        CultureInfo.InvariantCulture,
        $"Repair {Method}: {(Converged ? "converged" : "NOT converged")} in {Iterations} iterations; ||X-A||_F = {FrobeniusDistance:F6}; lambda_min {SmallestEigenvalueBefore:G6} -> {SmallestEigenvalueAfter:G6}; n = {Matrix.Count}");

    /// <summary>The summary followed by the labelled matrix.</summary>
    /// <returns>Readable text.</returns>
    public override string ToString() => Summary() + Environment.NewLine + Matrix.ToString();
}
