using System.Globalization;

namespace PortfolioMargin.Models.VaR;

/// <summary>The Cornish–Fisher expansion of a quantile. Stateless.</summary>
public static class CornishFisher
{
    /// <summary>
    /// <c>z_cf = z + (z² − 1)·S/6 + (z³ − 3z)·K/24 − (2z³ − 5z)·S²/36</c>.
    /// </summary>
    /// <param name="z">The normal quantile, e.g. <c>Φ⁻¹(0.01) = −2.326348</c>.</param>
    /// <param name="skewness">Skewness <c>S</c>.</param>
    /// <param name="excessKurtosis">Excess kurtosis <c>K</c>.</param>
    /// <returns>The adjusted quantile.</returns>
    public static double Quantile(double z, double skewness, double excessKurtosis)
    {
        double z2 = z * z, z3 = z2 * z;
        return z + ((z2 - 1) * skewness / 6) + ((z3 - (3 * z)) * excessKurtosis / 24) - (((2 * z3) - (5 * z)) * skewness * skewness / 36);
    }
}

/// <summary>
/// The first four moments of the delta-gamma P&amp;L <c>Q = eᵀx + ½·xᵀΓx</c>, <c>x ~ N(0, Σ)</c>, with <c>Γ = diag(g)</c>
/// (every position depends on one factor): <c>μ = ½·tr(ΓΣ)</c>, <c>σ² = eᵀΣe + ½·tr((ΓΣ)²)</c>,
/// <c>κ₃ = 3·eᵀΣΓΣe + tr((ΓΣ)³)</c>, <c>κ₄ = 12·eᵀΣΓΣΓΣe + 3·tr((ΓΣ)⁴)</c>; skewness <c>κ₃/σ³</c>, excess kurtosis <c>κ₄/σ⁴</c>.
/// </summary>
/// <param name="Mean">μ.</param>
/// <param name="StandardDeviation">σ.</param>
/// <param name="Skewness">κ₃/σ³ (0 when σ = 0).</param>
/// <param name="ExcessKurtosis">κ₄/σ⁴ (0 when σ = 0).</param>
public sealed record DeltaGammaMoments(double Mean, double StandardDeviation, double Skewness, double ExcessKurtosis)
{
    /// <summary>The moments for dollar deltas <paramref name="delta"/>, diagonal dollar gammas <paramref name="gamma"/> and covariance <paramref name="covariance"/> of the returns over the horizon.</summary>
    /// <param name="delta">Dollar delta per factor.</param>
    /// <param name="gamma">Dollar gamma per factor (diagonal of Γ).</param>
    /// <param name="covariance">Covariance of the factor returns over the horizon (square, same length).</param>
    /// <returns>The moments.</returns>
    /// <exception cref="ArgumentException">Lengths differ or an input is not finite.</exception>
    public static DeltaGammaMoments Compute(IReadOnlyList<double> delta, IReadOnlyList<double> gamma, double[,] covariance)
    {
        ArgumentNullException.ThrowIfNull(delta);
        ArgumentNullException.ThrowIfNull(gamma);
        ArgumentNullException.ThrowIfNull(covariance);
        int m = delta.Count;
        if (gamma.Count != m || covariance.GetLength(0) != m || covariance.GetLength(1) != m)
        {
            Guard.ThrowArgument(string.Create(CultureInfo.InvariantCulture,
                $"Delta-gamma moments: {m} deltas, {gamma.Count} gammas and a {covariance.GetLength(0)}x{covariance.GetLength(1)} covariance; expected equal lengths."), nameof(covariance));
        }

        var a = new double[m * m];
        for (int i = 0; i < m; i++)
        {
            Guard.Finite(delta[i], "Delta-gamma moments: delta");
            Guard.Finite(gamma[i], "Delta-gamma moments: gamma");
            for (int j = 0; j < m; j++)
            {
                a[(i * m) + j] = Guard.Finite(covariance[i, j], "Delta-gamma moments: covariance");
            }
        }

        return DeltaGammaCore.Compute(m, a, [.. delta], [.. gamma], -2.0, default, default).Moments;
    }
}

/// <summary>
/// Delta-gamma moments, Cornish–Fisher VaR and its exact gradient with respect to the per-factor dollar deltas and
/// gammas (for the Euler allocation), on flat row-major m × m buffers. The one implementation shared by
/// <see cref="DeltaGammaVaR"/> and its incremental what-if calculator, so a what-if cannot drift from a full run.
/// </summary>
internal static class DeltaGammaCore
{
    /// <summary>The moments, the Cornish–Fisher quantile and the VaR (a value type: computing it allocates nothing).</summary>
    public readonly record struct Outcome(double Mean, double StandardDeviation, double Skewness, double ExcessKurtosis, double ZCornishFisher, double ValueAtRisk)
    {
        /// <summary>The moments as the public record.</summary>
        public DeltaGammaMoments Moments => new(Mean, StandardDeviation, Skewness, ExcessKurtosis);
    }

    /// <summary>Length of the work buffer <see cref="Compute(int, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, double, Span{double}, Span{double}, Span{double})"/> needs for m factors: <c>2m² + 4m</c>.</summary>
    public static int ScratchLength(int m) => (2 * m * m) + (4 * m);

    /// <summary>
    /// The covariance of the factor returns over the horizon restricted to <paramref name="factors"/>, in that order:
    /// <c>a[i·m + j] = h·Σ[f_i, f_j]</c> (row-major, m = <paramref name="factors"/>.Length).
    /// </summary>
    public static void HorizonBlock(ReadOnlySpan<int> factors, ReadOnlySpan<double> dailyCovariance, int n, double horizonDays, Span<double> a)
    {
        int m = factors.Length;
        for (int i = 0; i < m; i++)
        {
            int row = factors[i] * n;
            for (int j = 0; j < m; j++)
            {
                a[(i * m) + j] = horizonDays * dailyCovariance[row + factors[j]];
            }
        }
    }

    /// <summary>As <see cref="Compute(int, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, double, Span{double}, Span{double}, Span{double})"/> with a freshly allocated work buffer.</summary>
    public static Outcome Compute(int m, ReadOnlySpan<double> a, ReadOnlySpan<double> e, ReadOnlySpan<double> g, double z, Span<double> dVarDe, Span<double> dVarDg) =>
        Compute(m, a, e, g, z, dVarDe, dVarDg, new double[ScratchLength(m)]);

    /// <summary>
    /// <c>VaR = −(μ + σ·z_cf)</c> at the lower-tail normal quantile <paramref name="z"/> (e.g. −2.326 for 99 %); when
    /// <paramref name="dVarDe"/> is not empty, also <c>∂VaR/∂e_k</c> and <c>∂VaR/∂g_k</c> (VaR is homogeneous of degree 1 in
    /// (e, g), so <c>Σ_k e_k·∂VaR/∂e_k + g_k·∂VaR/∂g_k = VaR</c>). Allocates nothing: <paramref name="scratch"/> (at least
    /// <see cref="ScratchLength"/>(m), contents ignored) holds the intermediate products.
    /// </summary>
    public static Outcome Compute(int m, ReadOnlySpan<double> a, ReadOnlySpan<double> e, ReadOnlySpan<double> g, double z, Span<double> dVarDe, Span<double> dVarDg,
        Span<double> scratch)
    {
        // B1 = A G A, B2 = B1 G A, diag(B3) with B3 = B2 G A.
        int mm = m * m;
        Span<double> b1 = scratch[..mm];
        Span<double> b2 = scratch.Slice(mm, mm);
        Span<double> ae = scratch.Slice(2 * mm, m);
        Span<double> b1e = scratch.Slice((2 * mm) + m, m);
        Span<double> b2e = scratch.Slice((2 * mm) + (2 * m), m);
        Span<double> b3kk = scratch.Slice((2 * mm) + (3 * m), m);
        MulDiag(m, a, g, a, b1);
        MulDiag(m, b1, g, a, b2);
        double mu = 0, eAe = 0, eB1e = 0, eB2e = 0, tr2 = 0, tr3 = 0, tr4 = 0;
        for (int k = 0; k < m; k++)
        {
            ReadOnlySpan<double> ra = a.Slice(k * m, m), r1 = b1.Slice(k * m, m), r2 = b2.Slice(k * m, m);
            ae[k] = Dot(ra, e);
            b1e[k] = Dot(r1, e);
            b2e[k] = Dot(r2, e);
            double s = 0;
            for (int j = 0; j < m; j++)
            {
                s += r2[j] * g[j] * a[(j * m) + k];
            }

            b3kk[k] = s;
            mu += 0.5 * g[k] * ra[k];
            eAe += e[k] * ae[k];
            eB1e += e[k] * b1e[k];
            eB2e += e[k] * b2e[k];
            tr2 += g[k] * r1[k];
            tr3 += g[k] * r2[k];
            tr4 += g[k] * s;
        }

        double m2 = Math.Max(eAe + (0.5 * tr2), 0.0);
        double sigma = Math.Sqrt(m2);
        if (!(sigma > 0))
        {
            dVarDe.Clear();
            dVarDg.Clear();
            return new Outcome(mu, 0, 0, 0, z, -mu);
        }

        double k3 = (3 * eB1e) + tr3, k4 = (12 * eB2e) + (3 * tr4);
        double skew = k3 / (sigma * sigma * sigma), kurt = k4 / (m2 * m2);
        double zcf = CornishFisher.Quantile(z, skew, kurt);
        double var = -(mu + (sigma * zcf));
        double dzdS = (((z * z) - 1) / 6) - (((2 * z * z * z) - (5 * z)) * skew / 18);
        double dzdK = ((z * z * z) - (3 * z)) / 24;
        if (!dVarDe.IsEmpty)
        {
            for (int k = 0; k < m; k++)
            {
                // d/de_k
                dVarDe[k] = -Chain(0.0, 2 * ae[k], 6 * b1e[k], 24 * b2e[k], sigma, m2, skew, kurt, zcf, dzdS, dzdK);

                // d/dg_k
                dVarDg[k] = -Chain(0.5 * a[(k * m) + k], b1[(k * m) + k], (3 * ae[k] * ae[k]) + (3 * b2[(k * m) + k]), (24 * ae[k] * b1e[k]) + (12 * b3kk[k]),
                    sigma, m2, skew, kurt, zcf, dzdS, dzdK);
            }
        }

        return new Outcome(mu, sigma, skew, kurt, zcf, var);
    }

    /// <summary>Refuses moments or a VaR that overflowed (finite exposures whose powers leave the double range): a NaN would otherwise be floored to a margin of 0.</summary>
    /// <exception cref="ArgumentException">A moment or the VaR is not finite.</exception>
    public static void CheckFinite(in Outcome o, string paramName)
    {
        if (!double.IsFinite(o.ValueAtRisk) || !double.IsFinite(o.Mean) || !double.IsFinite(o.StandardDeviation) || !double.IsFinite(o.Skewness) || !double.IsFinite(o.ExcessKurtosis))
        {
            Guard.ThrowArgument(string.Create(CultureInfo.InvariantCulture,
                $"Delta-gamma VaR: the moments of the book's P&L (mean {o.Mean:G6}, sd {o.StandardDeviation:G6}, skew {o.Skewness:G6}, excess kurtosis {o.ExcessKurtosis:G6}) give a VaR of {o.ValueAtRisk:G6}; the dollar deltas and gammas are too large for the double range. The book is outside the range the model computes."),
                paramName);
        }
    }

    /// <summary>The chain rule from the derivatives of (μ, σ², κ₃, κ₄) to the derivative of <c>μ + σ·z_cf</c>.</summary>
    private static double Chain(double dMu, double dM2, double dK3, double dK4, double sigma, double m2, double skew, double kurt, double zcf, double dzdS, double dzdK)
    {
        double dSigma = dM2 / (2 * sigma);
        double dS = (dK3 / (sigma * sigma * sigma)) - (3 * skew * dSigma / sigma);
        double dK = (dK4 / (m2 * m2)) - (4 * kurt * dSigma / sigma);
        return dMu + (dSigma * zcf) + (sigma * ((dzdS * dS) + (dzdK * dK)));
    }

    /// <summary><c>c = x · diag(g) · y</c> for row-major m × m matrices.</summary>
    private static void MulDiag(int m, ReadOnlySpan<double> x, ReadOnlySpan<double> g, ReadOnlySpan<double> y, Span<double> c)
    {
        c.Clear();
        for (int i = 0; i < m; i++)
        {
            Span<double> ci = c.Slice(i * m, m);
            for (int k = 0; k < m; k++)
            {
                double xg = x[(i * m) + k] * g[k];
                if (xg != 0)
                {
                    System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(y.Slice(k * m, m), xg, ci, ci);
                }
            }
        }
    }

    private static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y) => System.Numerics.Tensors.TensorPrimitives.Dot(x, y);
}
