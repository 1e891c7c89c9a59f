using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Numerics.Tensors;

namespace PortfolioMargin.Correlation;

/// <summary>
/// Explicit repair of a symmetric matrix into the nearest valid correlation matrix (Higham 2002): minimise
/// <c>‖W^½ (X − A) W^½‖_F</c> over PSD <c>X</c> with unit diagonal. Stateless and thread-safe. Repairs are never
/// silent: the caller calls this and gets a <see cref="RepairResult"/> with diagnostics.
/// </summary>
public static class NearestCorrelation
{
    /// <summary>Repairs a labelled symmetric matrix (any diagonal, any entries; e.g. a stressed or pairwise-estimated matrix).</summary>
    /// <param name="labels">Unique labels, one per row.</param>
    /// <param name="matrix">Square, finite, symmetric within <see cref="NearestCorrelationOptions.SymmetryTolerance"/>; copied, never mutated.</param>
    /// <param name="options">Options; <see cref="NearestCorrelationOptions.Default"/> when null.</param>
    /// <returns>The result; when the input is already valid (unit diagonal, range, PSD within tolerance) it is returned unchanged with <see cref="RepairMethod.None"/>.</returns>
    /// <exception cref="MatrixValidationException">Bad labels, shape, non-finite or asymmetric entry, or bad options (named).</exception>
    public static RepairResult Repair(IEnumerable<string> labels, double[,] matrix, NearestCorrelationOptions? options = null)
    {
        options ??= NearestCorrelationOptions.Default;
        (ImmutableArray<string> l, double[] a) = Prepare(labels, matrix, options.SymmetryTolerance);
        int n = l.Length;
        options.Validate(n);
        double before = SymmetricEigenSolver.SmallestEigenvalue(a, n);
        if (IsValidCorrelation(a, n, options.PsdTolerance))
        {
            return new RepairResult(CorrelationMatrix.FromTrusted(l, a), RepairMethod.None, 0, true, 0.0, before, before);
        }

        ReadOnlySpan<double> w = options.Weights.IsDefaultOrEmpty ? default : options.Weights.AsSpan();
        int depth = options.Method == RepairMethod.AlternatingProjections ? 0 : options.AndersonDepth;
        DykstraProjections.Outcome o = DykstraProjections.Solve(a, n, options.Tolerance, options.MaxIterations, w, depth);
        return Finish(l, a, o.X, options.Method, o.Iterations, o.Converged, before);
    }

    /// <summary>Repairs an unlabelled symmetric matrix; rows are labelled <c>"0"</c>, <c>"1"</c>, ….</summary>
    /// <param name="matrix">Square, finite, symmetric matrix.</param>
    /// <param name="options">Options; default when null.</param>
    /// <returns>The result with diagnostics.</returns>
    /// <exception cref="MatrixValidationException">Bad shape, non-finite or asymmetric entry, or bad options.</exception>
    public static RepairResult Repair(double[,] matrix, NearestCorrelationOptions? options = null) =>
        Repair(RawMatrix.DefaultLabels(matrix.GetLength(0), matrix.GetLength(1)), matrix, options);

    internal static (ImmutableArray<string> Labels, double[] Values) Prepare(IEnumerable<string> labels, double[,] matrix, double symmetryTolerance)
    {
        CorrelationThrow.IfNotInRange(symmetryTolerance, 0, 1, nameof(symmetryTolerance));
        (ImmutableArray<string> l, FrozenDictionary<string, int> _) = LabelledMatrixCore.ValidateLabels(labels);
        double[] a = LabelledMatrixCore.CopyChecked(matrix, l);
        LabelledMatrixCore.Symmetrize(a, l, symmetryTolerance);
        return (l, a);
    }

    internal static bool IsValidCorrelation(double[] a, int n, double psdTolerance)
    {
        for (int i = 0; i < n; i++)
        {
            if (a[(i * n) + i] != 1.0)
            {
                return false;
            }

            for (int j = 0; j < i; j++)
            {
                if (Math.Abs(a[(i * n) + j]) > 1.0)
                {
                    return false;
                }
            }
        }

        return CholeskyKernel.TryFactor(a, n, psdTolerance, new double[n * n], out _);
    }

    /// <summary>Rescales the PSD <paramref name="x"/> to unit diagonal (<c>D^−½ X D^−½</c>, a congruence: stays PSD) and builds the result.</summary>
    internal static RepairResult Finish(ImmutableArray<string> labels, double[] a, double[] x, RepairMethod method, int iterations, bool converged, double before)
    {
        int n = labels.Length;
        var inv = new double[n];
        for (int i = 0; i < n; i++)
        {
            double dii = x[(i * n) + i];
            if (!(dii > 0))
            {
                CorrelationThrow.Entry(MatrixRule.PositiveVariance, i, i, labels[i], labels[i], dii, "a positive diagonal after the PSD projection (row is in the null space; use a positive eigenvalue floor)");
            }

            inv[i] = 1.0 / Math.Sqrt(dii);
        }

        for (int i = 0; i < n; i++)
        {
            Span<double> row = x.AsSpan(i * n, n);
            TensorPrimitives.Multiply(row, inv, row);
            TensorPrimitives.Multiply(row, inv[i], row);
        }

        CorrelationMatrix c = CorrelationMatrix.FromTrusted(labels, x);
        double distance = TensorPrimitives.Distance(c.Values, a);
        return new RepairResult(c, method, iterations, converged, distance, before, c.SmallestEigenvalue());
    }
}
