using System.Collections.Immutable;

namespace PortfolioMargin.Correlation;

/// <summary>Options of the nearest-correlation-matrix repair (immutable; <see cref="Default"/> is shared).</summary>
public sealed record NearestCorrelationOptions
{
    /// <summary>The default options: Anderson-accelerated projections, tolerance <c>1e-9</c>, 2000 iterations, unweighted.</summary>
    public static NearestCorrelationOptions Default { get; } = new();

    /// <summary>
    /// Convergence tolerance on the relative Dykstra residual <c>‖diag(X_k) − 1‖₂ / ‖X_k‖_F ≤ tolerance</c>, where
    /// <c>X_k</c> is the PSD projection of iteration <c>k</c>; in <c>(0, 1)</c>, default <c>1e-9</c>.
    /// </summary>
    public double Tolerance { get; init; } = 1e-9;

    /// <summary>Iteration cap (each iteration is one symmetric eigendecomposition), ≥ 1, default 2000.</summary>
    public int MaxIterations { get; init; } = 2000;

    /// <summary>
    /// Optional diagonal weights <c>w</c> (one per factor, finite, &gt; 0): minimises the W-norm
    /// <c>‖W^½ (X − A) W^½‖_F</c>, <c>W = diag(w)</c> (Higham 2002, §3); a larger weight keeps that factor's
    /// correlations closer to the input. Empty (default) means unweighted.
    /// </summary>
    public ImmutableArray<double> Weights { get; init; } = [];

    /// <summary>Algorithm: <see cref="RepairMethod.AndersonAcceleratedProjections"/> (default) or <see cref="RepairMethod.AlternatingProjections"/>.</summary>
    public RepairMethod Method { get; init; } = RepairMethod.AndersonAcceleratedProjections;

    /// <summary>Anderson memory (number of past residuals mixed), 1 to 20, default 4; ignored by plain projections.</summary>
    public int AndersonDepth { get; init; } = 4;

    /// <summary>Symmetry tolerance on the input, <c>|a_ij − a_ji| ≤ tolerance</c>; default <c>1e-12</c>.</summary>
    public double SymmetryTolerance { get; init; } = CorrelationMatrix.DefaultSymmetryTolerance;

    /// <summary>PSD tolerance used to decide that the input is already valid and return it unchanged (default <c>1e-10</c>).</summary>
    public double PsdTolerance { get; init; } = CorrelationMatrix.DefaultPsdTolerance;

    internal void Validate(int n)
    {
        CorrelationThrow.IfNotInRange(Tolerance, double.Epsilon, 0.5, nameof(Tolerance));
        CorrelationThrow.IfNotInRange(MaxIterations, 1, int.MaxValue, nameof(MaxIterations));
        CorrelationThrow.IfNotInRange(AndersonDepth, 1, 20, nameof(AndersonDepth));
        CorrelationThrow.IfNotInRange(SymmetryTolerance, 0, 1, nameof(SymmetryTolerance));
        CorrelationThrow.IfNotInRange(PsdTolerance, 0, 1, nameof(PsdTolerance));
        if (Method is not (RepairMethod.AndersonAcceleratedProjections or RepairMethod.AlternatingProjections))
        {
            CorrelationThrow.Parameter(nameof(Method), (int)Method, "AndersonAcceleratedProjections or AlternatingProjections");
        }

        if (!Weights.IsDefaultOrEmpty)
        {
            if (Weights.Length != n)
            {
                CorrelationThrow.Shape("weights", Weights.Length, 1, "one weight per factor");
            }

            for (int i = 0; i < n; i++)
            {
                CorrelationThrow.IfNotFinitePositive(Weights[i], "Weights[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]");
            }
        }
    }
}
