namespace PortfolioMargin.Correlation;

/// <summary>Positive semi-definiteness checks on raw symmetric matrices (e.g. before deciding to repair).</summary>
public static class PsdCheck
{
    /// <summary>
    /// Whether a symmetric matrix is PSD within <paramref name="tolerance"/>: true when the Cholesky factorisation of
    /// <c>A + tolerance·I</c> succeeds, which holds when <c>λ_min(A) &gt; −tolerance</c> (up to rounding). <c>O(n³/3)</c>.
    /// </summary>
    /// <param name="matrix">A square, finite matrix; only the lower triangle is read.</param>
    /// <param name="tolerance">Absolute eigenvalue tolerance (≥ 0); default <c>1e-10</c>.</param>
    /// <returns>True when PSD within the tolerance.</returns>
    /// <exception cref="MatrixValidationException">Not square or an entry is not finite (named by row and column).</exception>
    public static bool IsPositiveSemiDefinite(double[,] matrix, double tolerance = CorrelationMatrix.DefaultPsdTolerance)
    {
        CorrelationThrow.IfNotInRange(tolerance, 0, double.MaxValue, nameof(tolerance));
        double[] a = RawMatrix.Flatten(matrix, out int n);
        return CholeskyKernel.TryFactor(a, n, tolerance, new double[n * n], out _);
    }

    /// <summary>The smallest eigenvalue <c>λ_min(A)</c> of a symmetric matrix (Householder tridiagonalisation and QL).</summary>
    /// <param name="matrix">A square, finite, symmetric matrix.</param>
    /// <returns>The smallest eigenvalue (NaN for an empty matrix).</returns>
    /// <exception cref="MatrixValidationException">Not square or an entry is not finite.</exception>
    public static double SmallestEigenvalue(double[,] matrix)
    {
        double[] a = RawMatrix.Flatten(matrix, out int n);
        return SymmetricEigenSolver.SmallestEigenvalue(a, n);
    }
}
