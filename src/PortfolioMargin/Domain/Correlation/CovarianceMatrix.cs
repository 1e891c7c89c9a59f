using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;

namespace PortfolioMargin.Correlation;

/// <summary>
/// An immutable, validated covariance matrix labelled by risk factor: square, finite, symmetric within a relative
/// tolerance, strictly positive variances, PSD within <c>λ_min ≥ −psdTolerance · max_i Σ_ii</c>. Units are those of
/// the returns squared, per period (e.g. daily). Thread-safe; the Cholesky factor is cached on first use.
/// </summary>
public sealed class CovarianceMatrix : IFormattable
{
    /// <summary>Default relative symmetry tolerance: <c>|Σ_ij − Σ_ji| ≤ 1e-12 · max_i Σ_ii</c>.</summary>
    public const double DefaultSymmetryTolerance = 1e-12;

    /// <summary>Default relative PSD tolerance: <c>λ_min(Σ) &gt; −1e-10 · max_i Σ_ii</c> (Cholesky of <c>Σ + tol·max Σ_ii·I</c>).</summary>
    public const double DefaultPsdTolerance = 1e-10;

    private readonly LabelledMatrixCore core;
    private readonly Lazy<CorrelationMatrix> correlation;

    /// <summary>Validates and copies a labelled covariance matrix.</summary>
    /// <param name="labels">Unique risk-factor labels.</param>
    /// <param name="values">The covariance matrix (copied).</param>
    /// <param name="symmetryTolerance">Relative symmetry tolerance (≥ 0).</param>
    /// <param name="psdTolerance">Relative PSD tolerance (≥ 0).</param>
    /// <exception cref="MatrixValidationException">Bad label, shape, non-finite entry, asymmetry, a variance ≤ 0
    /// (<see cref="MatrixRule.PositiveVariance"/>, naming the factor), or not PSD.</exception>
    public CovarianceMatrix(IEnumerable<string> labels, double[,] values, double symmetryTolerance = DefaultSymmetryTolerance, double psdTolerance = DefaultPsdTolerance)
    {
        CorrelationThrow.IfNotInRange(symmetryTolerance, 0, 1, nameof(symmetryTolerance));
        CorrelationThrow.IfNotInRange(psdTolerance, 0, 1, nameof(psdTolerance));
        (ImmutableArray<string> l, FrozenDictionary<string, int> idx) = LabelledMatrixCore.ValidateLabels(labels);
        double[] a = LabelledMatrixCore.CopyChecked(values, l);
        int n = l.Length;
        double scale = 0;
        for (int i = 0; i < n; i++)
        {
            double d = a[(i * n) + i];
            if (!(d > 0))
            {
                CorrelationThrow.Entry(MatrixRule.PositiveVariance, i, i, l[i], l[i], d, "a variance > 0");
            }

            scale = Math.Max(scale, d);
        }

        LabelledMatrixCore.Symmetrize(a, l, symmetryTolerance * scale);
        LabelledMatrixCore.CheckPsd(a, l, psdTolerance * scale);
        core = new LabelledMatrixCore(l, idx, a, CorrelationMatrix.ZeroPivot * scale);
        correlation = new Lazy<CorrelationMatrix>(BuildCorrelation, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    private CovarianceMatrix(LabelledMatrixCore core)
    {
        this.core = core;
        correlation = new Lazy<CorrelationMatrix>(BuildCorrelation, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The risk-factor labels, in row order.</summary>
    public ImmutableArray<string> Labels => core.Labels;

    /// <summary>The dimension <c>n</c>.</summary>
    public int Count => core.Count;

    /// <summary>The covariance <c>Σ_ij</c> by position.</summary>
    /// <exception cref="MatrixValidationException">An index is out of range.</exception>
    public double this[int row, int column] => core[row, column];

    /// <summary>The covariance between two labelled risk factors.</summary>
    /// <exception cref="MatrixValidationException">A label is unknown.</exception>
    public double this[string rowLabel, string columnLabel] => core.Values[(core.IndexOf(rowLabel) * Count) + core.IndexOf(columnLabel)];

    /// <summary>The entries, row-major; a read-only view.</summary>
    public ReadOnlySpan<double> Values => core.Values;

    /// <summary>The cached lower Cholesky factor <c>L Lᵀ = Σ</c>, row-major (thread-safe, computed once).</summary>
    public ReadOnlySpan<double> CholeskyFactor => core.Cholesky;

    /// <summary>The volatilities <c>σ_i = √Σ_ii</c>, in label order.</summary>
    public ImmutableArray<double> Volatilities => [.. Enumerable.Range(0, Count).Select(i => Math.Sqrt(core.Values[(i * Count) + i]))];

    /// <summary>The correlation <c>C = D⁻¹ Σ D⁻¹</c> with <c>D = diag(σ)</c> (cached).</summary>
    public CorrelationMatrix Correlation => correlation.Value;

    /// <summary>Builds <c>Σ = D C D</c>, <c>D = diag(σ)</c>.</summary>
    /// <param name="correlation">The correlation matrix.</param>
    /// <param name="volatilities">One volatility per label, finite and &gt; 0.</param>
    /// <returns>The covariance matrix.</returns>
    /// <exception cref="MatrixValidationException">Wrong count or a volatility not finite and &gt; 0 (named by label).</exception>
    public static CovarianceMatrix FromCorrelation(CorrelationMatrix correlation, IReadOnlyList<double> volatilities)
    {
        int n = correlation.Count;
        if (volatilities.Count != n)
        {
            CorrelationThrow.Shape("volatility vector", volatilities.Count, 1, string.Create(CultureInfo.InvariantCulture, $"{n} volatilities, one per label"));
        }

        for (int i = 0; i < n; i++)
        {
            double s = volatilities[i];
            if (!(s > 0) || !double.IsFinite(s))
            {
                CorrelationThrow.Entry(MatrixRule.PositiveVariance, i, i, correlation.Labels[i], correlation.Labels[i], s, "a finite volatility > 0");
            }
        }

        ReadOnlySpan<double> c = correlation.Values;
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                a[(i * n) + j] = volatilities[i] * c[(i * n) + j] * volatilities[j];
            }
        }

        return FromTrusted(correlation.Labels, a);
    }

    /// <summary>Scales to another horizon: <c>Σ_h = h · Σ</c> (volatilities scale by <c>√h</c>; square-root-of-time rule, i.i.d. returns).</summary>
    /// <param name="periods">Horizon in periods of the input (e.g. 10 for a 10-day Σ from a daily Σ), finite and &gt; 0.</param>
    /// <returns>The scaled covariance.</returns>
    /// <exception cref="MatrixValidationException"><paramref name="periods"/> is not finite and &gt; 0.</exception>
    public CovarianceMatrix ScaleHorizon(double periods)
    {
        CorrelationThrow.IfNotFinitePositive(periods, nameof(periods));
        var a = new double[core.Values.Length];
        System.Numerics.Tensors.TensorPrimitives.Multiply(core.Values, periods, a);
        return FromTrusted(Labels, a);
    }

    /// <summary>The sub-matrix of the given labels, in the given order.</summary>
    /// <param name="labels">Labels to keep, each once.</param>
    /// <returns>The selected matrix.</returns>
    /// <exception cref="MatrixValidationException">A label is unknown or repeated.</exception>
    public CovarianceMatrix Select(IEnumerable<string> labels)
    {
        (ImmutableArray<string> l, double[] v) = core.Pick(labels, requireAll: false);
        return FromTrusted(l, v);
    }

    /// <summary>The same matrix in a new label order (<c>P Σ Pᵀ</c>).</summary>
    /// <param name="labels">A permutation of all labels.</param>
    /// <returns>The reordered matrix.</returns>
    /// <exception cref="MatrixValidationException">Not a permutation of the labels.</exception>
    public CovarianceMatrix Reorder(IEnumerable<string> labels)
    {
        (ImmutableArray<string> l, double[] v) = core.Pick(labels, requireAll: true);
        return FromTrusted(l, v);
    }

    /// <summary>Position of a label.</summary>
    /// <param name="label">The label.</param>
    /// <returns>The zero-based index.</returns>
    /// <exception cref="MatrixValidationException">Unknown label.</exception>
    public int IndexOf(string label) => core.IndexOf(label);

    /// <summary>A copy of the entries as a 2-D array.</summary>
    /// <returns>A new array.</returns>
    public double[,] ToArray() => core.ToArray();

    /// <summary>The smallest eigenvalue <c>λ_min(Σ)</c>, computed on request and cached.</summary>
    /// <returns>The smallest eigenvalue.</returns>
    public double SmallestEigenvalue() => core.SmallestEigenvalue;

    /// <summary>A labelled table in scientific notation <c>"E4"</c> (invariant culture).</summary>
    /// <returns>The table.</returns>
    public override string ToString() => ToString("E4", CultureInfo.InvariantCulture);

    /// <summary>A labelled table with the entries formatted by <paramref name="format"/>.</summary>
    /// <param name="format">Numeric format (default <c>"F4"</c>).</param>
    /// <param name="formatProvider">Culture (default invariant).</param>
    /// <returns>The table.</returns>
    public string ToString(string? format, IFormatProvider? formatProvider) => core.Format("CovarianceMatrix", format, formatProvider);

    /// <summary>Trusted construction: <paramref name="values"/> is owned, symmetric and has positive diagonal.</summary>
    internal static CovarianceMatrix FromTrusted(ImmutableArray<string> labels, double[] values)
    {
        int n = labels.Length;
        double scale = 0;
        for (int i = 0; i < n; i++)
        {
            scale = Math.Max(scale, values[(i * n) + i]);
        }

        return new CovarianceMatrix(LabelledMatrixCore.Trusted(labels, values, CorrelationMatrix.ZeroPivot * scale));
    }

    private CorrelationMatrix BuildCorrelation()
    {
        int n = Count;
        double[] s = core.Values;
        var inv = new double[n];
        for (int i = 0; i < n; i++)
        {
            inv[i] = 1.0 / Math.Sqrt(s[(i * n) + i]);
        }

        var c = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                c[(i * n) + j] = s[(i * n) + j] * inv[i] * inv[j];
            }
        }

        return CorrelationMatrix.FromTrusted(Labels, c);
    }
}
