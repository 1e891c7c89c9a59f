using System.Numerics.Tensors;

namespace PortfolioMargin.Correlation;

/// <summary>Row-major Cholesky kernels on flat n × n buffers (lower factor, <c>A = L Lᵀ</c>); span in, span out.</summary>
internal static class CholeskyKernel
{
    /// <summary>
    /// Strict Cholesky of <c>A + shift·I</c>; returns false at the first pivot that is not &gt; 0 (or not finite),
    /// which happens exactly when <c>λ_min(A) ≤ −shift</c> up to rounding.
    /// </summary>
    internal static bool TryFactor(ReadOnlySpan<double> a, int n, double shift, Span<double> l, out int failedRow)
    {
        l[..(n * n)].Clear();
        for (int j = 0; j < n; j++)
        {
            ReadOnlySpan<double> lj = l.Slice(j * n, j);
            double d = a[(j * n) + j] + shift - TensorPrimitives.Dot(lj, lj);
            if (!(d > 0) || !double.IsFinite(d))
            {
                failedRow = j;
                return false;
            }

            double djj = Math.Sqrt(d);
            l[(j * n) + j] = djj;
            double inv = 1.0 / djj;
            for (int i = j + 1; i < n; i++)
            {
                l[(i * n) + j] = (a[(i * n) + j] - TensorPrimitives.Dot(l.Slice(i * n, j), lj)) * inv;
            }
        }

        failedRow = -1;
        return true;
    }

    /// <summary>
    /// Semi-definite Cholesky of a PSD matrix: a pivot <c>d ≤ zeroTolerance</c> gives a zero column, so that
    /// <c>L Lᵀ = A</c> within <c>O(√zeroTolerance)</c> even for singular <c>A</c> (e.g. all-ones correlation).
    /// </summary>
    internal static void FactorSemidefinite(ReadOnlySpan<double> a, int n, double zeroTolerance, Span<double> l)
    {
        l[..(n * n)].Clear();
        for (int j = 0; j < n; j++)
        {
            ReadOnlySpan<double> lj = l.Slice(j * n, j);
            double d = a[(j * n) + j] - TensorPrimitives.Dot(lj, lj);
            if (d <= zeroTolerance)
            {
                continue;
            }

            double djj = Math.Sqrt(d);
            l[(j * n) + j] = djj;
            double inv = 1.0 / djj;
            for (int i = j + 1; i < n; i++)
            {
                l[(i * n) + j] = (a[(i * n) + j] - TensorPrimitives.Dot(l.Slice(i * n, j), lj)) * inv;
            }
        }
    }
}
