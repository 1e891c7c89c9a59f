using System.Numerics.Tensors;

namespace PortfolioMargin.Correlation;

/// <summary>
/// Estimators of covariance and correlation from a returns matrix (T × K: rows are observations, oldest first;
/// columns are risk factors, per-period returns). Stateless and thread-safe; inputs are copied, never mutated.
/// A zero-variance column is an error naming the column, never NaN.
/// </summary>
public static class CovarianceEstimator
{
    /// <summary>The RiskMetrics daily decay factor <c>λ = 0.94</c>.</summary>
    public const double RiskMetricsLambda = 0.94;

    /// <summary>Sample covariance <c>S = (1/(T−1)) Σ_t (r_t − r̄)(r_t − r̄)ᵀ</c>.</summary>
    /// <param name="labels">One unique label per column.</param>
    /// <param name="returns">T × K returns, T ≥ 2, finite.</param>
    /// <returns>The sample covariance.</returns>
    /// <exception cref="MatrixValidationException">Bad labels or shape, a non-finite return (observation and label named), or a zero-variance column (named).</exception>
    public static CovarianceMatrix Sample(IEnumerable<string> labels, double[,] returns)
    {
        var r = ReturnsMatrix.Create(labels, returns, 2);
        double[] x = r.Demeaned(out _);
        double[] s = Gram(x, r.T, r.K, 1.0 / (r.T - 1));
        r.CheckVariances(s);
        return CovarianceMatrix.FromTrusted(r.Labels, s);
    }

    /// <summary>Sample (Pearson) correlation <c>C = D⁻¹ S D⁻¹</c>.</summary>
    /// <param name="labels">One unique label per column.</param>
    /// <param name="returns">T × K returns, T ≥ 2.</param>
    /// <returns>The sample correlation.</returns>
    /// <exception cref="MatrixValidationException">As <see cref="Sample"/>.</exception>
    public static CorrelationMatrix SampleCorrelation(IEnumerable<string> labels, double[,] returns) => Sample(labels, returns).Correlation;

    /// <summary>
    /// RiskMetrics EWMA covariance, mean not subtracted: <c>Σ_t = λ Σ_{t−1} + (1 − λ) r_t r_tᵀ</c>.
    /// Initialisation: when <paramref name="initial"/> is null the recursion starts from <c>Σ_0 = 0</c> and is divided by
    /// <c>1 − λ^T</c>, i.e. normalised weights <c>Σ = Σ_t w_t r_t r_tᵀ</c>, <c>w_t = (1 − λ) λ^{T−t} / (1 − λ^T)</c>
    /// (no look-ahead, weights sum to 1); otherwise it starts from <c>Σ_0 = initial</c> (e.g. yesterday's estimate).
    /// </summary>
    /// <param name="labels">One unique label per column.</param>
    /// <param name="returns">T × K returns, T ≥ 1, oldest first.</param>
    /// <param name="lambda">Decay factor in <c>(0, 1)</c>; default 0.94 (RiskMetrics daily).</param>
    /// <param name="initial">Optional starting covariance with the same labels in the same order.</param>
    /// <returns>The EWMA covariance at the last observation.</returns>
    /// <exception cref="MatrixValidationException">Bad labels, shape, λ, a non-finite return, or a factor with zero EWMA variance (all-zero returns, named).</exception>
    public static CovarianceMatrix Ewma(IEnumerable<string> labels, double[,] returns, double lambda = RiskMetricsLambda, CovarianceMatrix? initial = null)
    {
        CheckLambda(lambda);
        var r = ReturnsMatrix.Create(labels, returns, 1);
        int k = r.K;
        var s = new double[k * k];
        if (initial is not null)
        {
            if (!initial.Labels.SequenceEqual(r.Labels, StringComparer.Ordinal))
            {
                CorrelationThrow.Shape("initial covariance", initial.Count, initial.Count, "the same labels in the same order as the returns");
            }

            initial.Values.CopyTo(s);
        }

        for (int t = 0; t < r.T; t++)
        {
            EwmaStep(s, r.Data.AsSpan(t * k, k), lambda);
        }

        if (initial is null)
        {
            TensorPrimitives.Divide(s, 1 - Math.Pow(lambda, r.T), s);
        }

        Symmetrize(s, k);
        r.CheckVariances(s);
        return CovarianceMatrix.FromTrusted(r.Labels, s);
    }

    /// <summary>One EWMA update <c>Σ_n = λ Σ_{n−1} + (1 − λ) r rᵀ</c> (mean not subtracted).</summary>
    /// <param name="previous">Yesterday's covariance <c>Σ_{n−1}</c>.</param>
    /// <param name="returns">Today's returns <c>r</c>, one per label, finite.</param>
    /// <param name="lambda">Decay in <c>(0, 1)</c>, default 0.94.</param>
    /// <returns>The updated covariance.</returns>
    /// <exception cref="MatrixValidationException">Wrong length, non-finite return, or λ out of range.</exception>
    public static CovarianceMatrix EwmaUpdate(CovarianceMatrix previous, IReadOnlyList<double> returns, double lambda = RiskMetricsLambda)
    {
        CheckLambda(lambda);
        int k = previous.Count;
        var row = new double[1, returns.Count];
        for (int j = 0; j < returns.Count; j++)
        {
            row[0, j] = returns[j];
        }

        var r = ReturnsMatrix.Create(previous.Labels, row, 1);
        var s = previous.Values.ToArray();
        EwmaStep(s, r.Data, lambda);
        Symmetrize(s, k);
        return CovarianceMatrix.FromTrusted(previous.Labels, s);
    }

    /// <summary>EWMA correlation: the correlation of <see cref="Ewma"/>.</summary>
    /// <param name="labels">One unique label per column.</param>
    /// <param name="returns">T × K returns.</param>
    /// <param name="lambda">Decay in <c>(0, 1)</c>, default 0.94.</param>
    /// <returns>The EWMA correlation.</returns>
    /// <exception cref="MatrixValidationException">As <see cref="Ewma"/>.</exception>
    public static CorrelationMatrix EwmaCorrelation(IEnumerable<string> labels, double[,] returns, double lambda = RiskMetricsLambda) =>
        Ewma(labels, returns, lambda).Correlation;

    /// <summary>
    /// Ledoit–Wolf shrinkage <c>Σ* = δ F + (1 − δ) S</c> with <c>S = (1/T) Σ_t x_t x_tᵀ</c> (demeaned, divisor T as in
    /// the papers). Scaled identity: <c>F = μI</c>, <c>μ = tr S / K</c>, <c>δ = min(b̄², d²)/d²</c> with
    /// <c>d² = ‖S − μI‖²</c>, <c>b̄² = (1/T²) Σ_t ‖x_t x_tᵀ − S‖²</c>. Constant correlation:
    /// <c>δ = max(0, min(1, (π − ρ)/(γ T)))</c> (Ledoit &amp; Wolf 2004, "Honey").
    /// </summary>
    /// <param name="labels">One unique label per column.</param>
    /// <param name="returns">T × K returns, T ≥ 2.</param>
    /// <param name="target">The shrinkage target; default scaled identity.</param>
    /// <returns>The shrunk covariance and the intensity <c>δ ∈ [0, 1]</c>.</returns>
    /// <exception cref="MatrixValidationException">Bad labels or shape, a non-finite return, or a zero-variance column (named).</exception>
    public static ShrinkageResult LedoitWolf(IEnumerable<string> labels, double[,] returns, ShrinkageTarget target = ShrinkageTarget.ScaledIdentity)
    {
        var r = ReturnsMatrix.Create(labels, returns, 2);
        int t = r.T, k = r.K;
        double[] x = r.Demeaned(out _);
        double[] s = Gram(x, t, k, 1.0 / t);
        r.CheckVariances(s);
        (double[] f, double delta) = target switch
        {
            ShrinkageTarget.ScaledIdentity => ScaledIdentity(x, s, t, k),
            ShrinkageTarget.ConstantCorrelation => ConstantCorrelation(x, s, t, k),
            _ => throw new MatrixValidationException("Rule Parameter broken by target: expected ScaledIdentity or ConstantCorrelation."),
        };

        var shrunk = new double[k * k];
        for (int i = 0; i < k * k; i++)
        {
            shrunk[i] = (delta * f[i]) + ((1 - delta) * s[i]);
        }

        return new ShrinkageResult(CovarianceMatrix.FromTrusted(r.Labels, shrunk), delta, target);
    }

    private static (double[] F, double Delta) ScaledIdentity(double[] x, double[] s, int t, int k)
    {
        double mu = 0;
        for (int i = 0; i < k; i++)
        {
            mu += s[(i * k) + i];
        }

        mu /= k;
        var f = new double[k * k];
        for (int i = 0; i < k; i++)
        {
            f[(i * k) + i] = mu;
        }

        double d2 = SquaredDistance(s, f) / k;
        if (d2 == 0)
        {
            return (f, 0.0);
        }

        double b2 = 0;
        for (int n = 0; n < t; n++)
        {
            ReadOnlySpan<double> xn = x.AsSpan(n * k, k);
            for (int i = 0; i < k; i++)
            {
                for (int j = 0; j < k; j++)
                {
                    double e = (xn[i] * xn[j]) - s[(i * k) + j];
                    b2 += e * e;
                }
            }
        }

        b2 /= (double)t * t * k;
        return (f, Math.Min(b2, d2) / d2);
    }

    private static (double[] F, double Delta) ConstantCorrelation(double[] x, double[] s, int t, int k)
    {
        var sd = new double[k];
        for (int i = 0; i < k; i++)
        {
            sd[i] = Math.Sqrt(s[(i * k) + i]);
        }

        double rbar = 0;
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                if (i != j)
                {
                    rbar += s[(i * k) + j] / (sd[i] * sd[j]);
                }
            }
        }

        rbar = k > 1 ? rbar / (k * (k - 1.0)) : 0;
        var f = new double[k * k];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                f[(i * k) + j] = i == j ? s[(i * k) + i] : rbar * sd[i] * sd[j];
            }
        }

        double gamma = SquaredDistance(s, f);
        if (gamma == 0)
        {
            return (f, 0.0);
        }

        // π_ij = (1/T) Σ_t (x_ti x_tj − s_ij)²; θ_ii,ij = (1/T) Σ_t (x_ti² − s_ii)(x_ti x_tj − s_ij).
        var pi = new double[k * k];
        var theta = new double[k * k];
        for (int n = 0; n < t; n++)
        {
            ReadOnlySpan<double> xn = x.AsSpan(n * k, k);
            for (int i = 0; i < k; i++)
            {
                double ui = (xn[i] * xn[i]) - s[(i * k) + i];
                for (int j = 0; j < k; j++)
                {
                    double e = (xn[i] * xn[j]) - s[(i * k) + j];
                    pi[(i * k) + j] += e * e;
                    theta[(i * k) + j] += ui * e;
                }
            }
        }

        double piSum = 0, rho = 0;
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                piSum += pi[(i * k) + j] / t;
                if (i == j)
                {
                    rho += pi[(i * k) + i] / t;
                }
                else
                {
                    rho += rbar / 2 * (((sd[j] / sd[i]) * theta[(i * k) + j] / t) + ((sd[i] / sd[j]) * theta[(j * k) + i] / t));
                }
            }
        }

        double kappa = (piSum - rho) / gamma;
        return (f, Math.Max(0, Math.Min(1, kappa / t)));
    }

    private static double SquaredDistance(double[] a, double[] b)
    {
        double d = TensorPrimitives.Distance(a, b);
        return d * d;
    }

    /// <summary><c>G = scale · XᵀX</c> for row-major X (T × K), accumulated row by row (SIMD over columns).</summary>
    private static double[] Gram(double[] x, int t, int k, double scale)
    {
        var g = new double[k * k];
        for (int n = 0; n < t; n++)
        {
            ReadOnlySpan<double> xn = x.AsSpan(n * k, k);
            for (int i = 0; i < k; i++)
            {
                Span<double> gi = g.AsSpan(i * k, k);
                TensorPrimitives.MultiplyAdd(xn, xn[i], gi, gi);
            }
        }

        TensorPrimitives.Multiply(g, scale, g);
        Symmetrize(g, k);
        return g;
    }

    private static void EwmaStep(Span<double> s, ReadOnlySpan<double> r, double lambda)
    {
        int k = r.Length;
        TensorPrimitives.Multiply(s, lambda, s);
        for (int i = 0; i < k; i++)
        {
            Span<double> si = s.Slice(i * k, k);
            TensorPrimitives.MultiplyAdd(r, (1 - lambda) * r[i], si, si);
        }
    }

    private static void Symmetrize(double[] s, int k)
    {
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < i; j++)
            {
                double m = 0.5 * (s[(i * k) + j] + s[(j * k) + i]);
                s[(i * k) + j] = m;
                s[(j * k) + i] = m;
            }
        }
    }

    private static void CheckLambda(double lambda)
    {
        if (!(lambda > 0 && lambda < 1))
        {
            CorrelationThrow.Parameter(nameof(lambda), lambda, "a decay factor in (0, 1)");
        }
    }
}
