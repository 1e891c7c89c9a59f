namespace PortfolioMargin.Correlation;

/// <summary>
/// Explicit one-step repair by eigenvalue clipping: <c>X = D^−½ (V max(Λ, floor) Vᵀ) D^−½</c> with <c>A = V Λ Vᵀ</c>
/// and <c>D</c> the diagonal of the clipped matrix. Cheaper than the nearest correlation matrix (one
/// eigendecomposition) but not nearest; a fallback. Stateless and thread-safe.
/// </summary>
public static class EigenvalueClipping
{
    /// <summary>Repairs a labelled symmetric matrix by clipping its eigenvalues at <paramref name="floor"/> and rescaling to unit diagonal.</summary>
    /// <param name="labels">Unique labels.</param>
    /// <param name="matrix">Square, finite, symmetric (within <c>1e-12</c>) matrix; copied.</param>
    /// <param name="floor">Eigenvalue floor in <c>[0, 1)</c>, default 0; a positive floor makes the result positive definite.</param>
    /// <returns>The result (iterations 1; <see cref="RepairMethod.None"/> and the input unchanged when it is already valid).</returns>
    /// <exception cref="MatrixValidationException">Bad labels, shape, entries, floor, or a factor whose clipped variance is 0.</exception>
    public static RepairResult Repair(IEnumerable<string> labels, double[,] matrix, double floor = 0.0)
    {
        CorrelationThrow.IfNotInRange(floor, 0, 1 - 1e-12, nameof(floor));
        (System.Collections.Immutable.ImmutableArray<string> l, double[] a) = NearestCorrelation.Prepare(labels, matrix, CorrelationMatrix.DefaultSymmetryTolerance);
        int n = l.Length;
        double before = SymmetricEigenSolver.SmallestEigenvalue(a, n);
        if (before >= floor && NearestCorrelation.IsValidCorrelation(a, n, CorrelationMatrix.DefaultPsdTolerance))
        {
            return new RepairResult(CorrelationMatrix.FromTrusted(l, a), RepairMethod.None, 0, true, 0.0, before, before);
        }

        var x = new double[n * n];
        new PsdProjector(n, default).Project(a, x, floor);
        return NearestCorrelation.Finish(l, a, x, RepairMethod.EigenvalueClipping, 1, true, before);
    }

    /// <summary>Repairs an unlabelled symmetric matrix by eigenvalue clipping; rows labelled <c>"0"</c>, <c>"1"</c>, ….</summary>
    /// <param name="matrix">Square, finite, symmetric matrix.</param>
    /// <param name="floor">Eigenvalue floor in <c>[0, 1)</c>.</param>
    /// <returns>The result.</returns>
    /// <exception cref="MatrixValidationException">Bad shape, entries or floor.</exception>
    public static RepairResult Repair(double[,] matrix, double floor = 0.0) =>
        Repair(RawMatrix.DefaultLabels(matrix.GetLength(0), matrix.GetLength(1)), matrix, floor);
}
