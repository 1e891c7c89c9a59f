using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;

namespace PortfolioMargin.Correlation;

/// <summary>
/// An immutable, validated correlation matrix labelled by risk factor: square, finite, symmetric within
/// <see cref="DefaultSymmetryTolerance"/>, unit diagonal, entries in <c>[−1, 1]</c> and positive semi-definite
/// within <see cref="DefaultPsdTolerance"/> (<c>λ_min ≥ −tolerance</c>). Thread-safe; the Cholesky factor is computed
/// once on first use and shared.
/// </summary>
public sealed class CorrelationMatrix : IFormattable
{
    /// <summary>Default symmetry tolerance: <c>|c_ij − c_ji| ≤ 1e-12</c>; the stored value is the average of the pair.</summary>
    public const double DefaultSymmetryTolerance = 1e-12;

    /// <summary>Default PSD tolerance: the matrix is accepted when Cholesky of <c>C + 1e-10·I</c> succeeds, i.e. <c>λ_min(C) &gt; −1e-10</c>.</summary>
    public const double DefaultPsdTolerance = 1e-10;

    /// <summary>Pivot below which the cached semi-definite Cholesky factor gets a zero column (<c>1e-12</c>).</summary>
    internal const double ZeroPivot = 1e-12;

    private readonly LabelledMatrixCore core;

    /// <summary>Validates and copies a labelled correlation matrix.</summary>
    /// <param name="labels">Risk-factor labels, unique (ordinal comparison), one per row and column.</param>
    /// <param name="values">The matrix; copied, never mutated.</param>
    /// <param name="symmetryTolerance">Largest accepted <c>|c_ij − c_ji|</c> (≥ 0).</param>
    /// <param name="psdTolerance">Largest accepted negative eigenvalue magnitude (≥ 0): <c>λ_min ≥ −psdTolerance</c>.</param>
    /// <exception cref="MatrixValidationException">A label is empty or duplicated, or an entry breaks a rule
    /// (shape, finite, symmetry, unit diagonal, range, PSD); the message names the label pair, row/column and value.</exception>
    public CorrelationMatrix(IEnumerable<string> labels, double[,] values, double symmetryTolerance = DefaultSymmetryTolerance, double psdTolerance = DefaultPsdTolerance)
    {
        CorrelationThrow.IfNotInRange(symmetryTolerance, 0, 1, nameof(symmetryTolerance));
        CorrelationThrow.IfNotInRange(psdTolerance, 0, 1, nameof(psdTolerance));
        (ImmutableArray<string> l, FrozenDictionary<string, int> idx) = LabelledMatrixCore.ValidateLabels(labels);
        double[] a = LabelledMatrixCore.CopyChecked(values, l);
        int n = l.Length;
        for (int i = 0; i < n; i++)
        {
            double d = a[(i * n) + i];
            if (d != 1.0)
            {
                CorrelationThrow.Entry(MatrixRule.UnitDiagonal, i, i, l[i], l[i], d, "exactly 1 on the diagonal");
            }
        }

        LabelledMatrixCore.Symmetrize(a, l, symmetryTolerance);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < i; j++)
            {
                double c = a[(i * n) + j];
                if (c < -1.0 || c > 1.0)
                {
                    CorrelationThrow.Entry(MatrixRule.Range, i, j, l[i], l[j], c, "a correlation in [-1, 1]");
                }
            }
        }

        LabelledMatrixCore.CheckPsd(a, l, psdTolerance);
        core = new LabelledMatrixCore(l, idx, a, ZeroPivot);
    }

    private CorrelationMatrix(LabelledMatrixCore core) => this.core = core;

    /// <summary>The risk-factor labels, in row order.</summary>
    public ImmutableArray<string> Labels => core.Labels;

    /// <summary>The dimension <c>n</c> (number of risk factors).</summary>
    public int Count => core.Count;

    /// <summary>The correlation <c>c_ij</c> by zero-based position.</summary>
    /// <exception cref="MatrixValidationException">An index is out of range.</exception>
    public double this[int row, int column] => core[row, column];

    /// <summary>The correlation between two labelled risk factors.</summary>
    /// <exception cref="MatrixValidationException">A label is unknown.</exception>
    public double this[string rowLabel, string columnLabel] => core.Values[(core.IndexOf(rowLabel) * Count) + core.IndexOf(columnLabel)];

    /// <summary>The entries, row-major (<c>c_ij</c> at <c>i·n + j</c>); a read-only view, no copy.</summary>
    public ReadOnlySpan<double> Values => core.Values;

    /// <summary>
    /// The lower-triangular Cholesky factor <c>L</c> with <c>L Lᵀ = C</c>, row-major; computed once (thread-safe) and
    /// cached for simulation. Singular (semi-definite) matrices get zero columns where the pivot is ≤ <c>1e-12</c>.
    /// </summary>
    public ReadOnlySpan<double> CholeskyFactor => core.Cholesky;

    /// <summary>An identity correlation matrix (uncorrelated factors).</summary>
    /// <param name="labels">Unique labels.</param>
    /// <returns><c>I</c> labelled by <paramref name="labels"/>.</returns>
    /// <exception cref="MatrixValidationException">A label is empty or duplicated.</exception>
    public static CorrelationMatrix Identity(IEnumerable<string> labels) => Constant(labels, 0.0);

    /// <summary>A matrix with every off-diagonal entry equal to <paramref name="rho"/>: <c>C = (1 − ρ) I + ρ 1 1ᵀ</c>.</summary>
    /// <param name="labels">Unique labels.</param>
    /// <param name="rho">The common correlation, in <c>[−1/(n−1), 1]</c> so that <c>C</c> is PSD (1 gives the all-ones stress target).</param>
    /// <returns>The constant-correlation matrix.</returns>
    /// <exception cref="MatrixValidationException">A label is bad, or <paramref name="rho"/> makes the matrix not PSD.</exception>
    public static CorrelationMatrix Constant(IEnumerable<string> labels, double rho)
    {
        ImmutableArray<string> l = [.. labels];
        int n = l.Length;
        var a = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                a[i, j] = i == j ? 1.0 : rho;
            }
        }

        return new CorrelationMatrix(l, a);
    }

    /// <summary>Position of a label.</summary>
    /// <param name="label">The label.</param>
    /// <returns>The zero-based row index.</returns>
    /// <exception cref="MatrixValidationException">The label is unknown.</exception>
    public int IndexOf(string label) => core.IndexOf(label);

    /// <summary>Whether the label is present (ordinal comparison).</summary>
    /// <param name="label">The label.</param>
    /// <returns>True when present.</returns>
    public bool Contains(string label) => label is not null && core.TryGetIndex(label, out _);

    /// <summary>The sub-matrix of the given labels, in the given order (<c>C[idx, idx]</c>); a sub-matrix of a valid matrix is valid.</summary>
    /// <param name="labels">Labels to keep, each once.</param>
    /// <returns>The selected matrix.</returns>
    /// <exception cref="MatrixValidationException">A label is unknown or repeated.</exception>
    public CorrelationMatrix Select(IEnumerable<string> labels)
    {
        (ImmutableArray<string> l, double[] v) = core.Pick(labels, requireAll: false);
        return FromTrusted(l, v);
    }

    /// <summary>The same matrix with rows and columns in a new label order (<c>P C Pᵀ</c>).</summary>
    /// <param name="labels">A permutation of all labels.</param>
    /// <returns>The reordered matrix.</returns>
    /// <exception cref="MatrixValidationException">The list is not a permutation of the labels.</exception>
    public CorrelationMatrix Reorder(IEnumerable<string> labels)
    {
        (ImmutableArray<string> l, double[] v) = core.Pick(labels, requireAll: true);
        return FromTrusted(l, v);
    }

    /// <summary>A copy of the entries as a 2-D array.</summary>
    /// <returns>A new <c>n × n</c> array.</returns>
    public double[,] ToArray() => core.ToArray();

    /// <summary>A copy of the cached Cholesky factor as a 2-D lower-triangular array (<c>L Lᵀ = C</c>).</summary>
    /// <returns>A new <c>n × n</c> array.</returns>
    public double[,] CholeskyFactorToArray() => core.CholeskyArray();

    /// <summary>The smallest eigenvalue <c>λ_min(C)</c>, computed on first request and cached (≥ −PSD tolerance for a valid matrix).</summary>
    /// <returns>The smallest eigenvalue (NaN for an empty matrix).</returns>
    public double SmallestEigenvalue() => core.SmallestEigenvalue;

    /// <summary>The largest absolute entry-wise difference <c>max |a_ij − b_ij|</c> to a matrix with the same labels in the same order.</summary>
    /// <param name="other">The other matrix.</param>
    /// <returns>The max-norm distance.</returns>
    /// <exception cref="MatrixValidationException">The labels differ.</exception>
    public double MaxAbsDifference(CorrelationMatrix other)
    {
        if (!Labels.SequenceEqual(other.Labels, StringComparer.Ordinal))
        {
            CorrelationThrow.Shape("other matrix", other.Count, other.Count, "the same labels in the same order");
        }

        double m = 0;
        for (int i = 0; i < core.Values.Length; i++)
        {
            m = Math.Max(m, Math.Abs(core.Values[i] - other.core.Values[i]));
        }

        return m;
    }

    /// <summary>The covariance <c>Σ = D C D</c>, <c>D = diag(σ)</c>.</summary>
    /// <param name="volatilities">Volatilities, one per label in label order, each finite and &gt; 0 (units of the returns, per period).</param>
    /// <returns>The covariance matrix.</returns>
    /// <exception cref="MatrixValidationException">A volatility is missing, not finite or not &gt; 0.</exception>
    public CovarianceMatrix ToCovariance(IReadOnlyList<double> volatilities) => CovarianceMatrix.FromCorrelation(this, volatilities);

    /// <summary>A labelled table with four decimals (invariant culture).</summary>
    /// <returns>The table.</returns>
    public override string ToString() => ToString("F4", CultureInfo.InvariantCulture);

    /// <summary>A labelled table with the entries formatted by <paramref name="format"/> (e.g. <c>"F2"</c>).</summary>
    /// <param name="format">A numeric format string (default <c>"F4"</c>).</param>
    /// <param name="formatProvider">Culture (default invariant).</param>
    /// <returns>The table.</returns>
    public string ToString(string? format, IFormatProvider? formatProvider) => core.Format("CorrelationMatrix", format, formatProvider);

    /// <summary>Trusted construction from a flat buffer this instance will own (rounding-level fixes: symmetric, unit diagonal, clamp to [−1, 1]).</summary>
    internal static CorrelationMatrix FromTrusted(ImmutableArray<string> labels, double[] values)
    {
        int n = labels.Length;
        for (int i = 0; i < n; i++)
        {
            values[(i * n) + i] = 1.0;
            for (int j = 0; j < i; j++)
            {
                double m = Math.Clamp(0.5 * (values[(i * n) + j] + values[(j * n) + i]), -1.0, 1.0);
                values[(i * n) + j] = m;
                values[(j * n) + i] = m;
            }
        }

        return new CorrelationMatrix(LabelledMatrixCore.Trusted(labels, values, ZeroPivot));
    }

    internal double[] RawValues => core.Values;
}
