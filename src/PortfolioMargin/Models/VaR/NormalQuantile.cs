using PortfolioMargin.Pricing;

namespace PortfolioMargin.Models.VaR;

/// <summary>The inverse standard normal CDF <c>Φ⁻¹(p)</c>. Stateless and thread-safe.</summary>
/// <remarks>Acklam's rational approximation (relative error 1.15e-9) refined by one Halley step on the library's
/// <see cref="NormalDistribution.Cdf(double)"/>, giving about 1e-15 absolute accuracy on (1e-300, 1 − 1e-16).</remarks>
public static class NormalQuantile
{
    private static readonly double[] A = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
    private static readonly double[] B = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
    private static readonly double[] C = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
    private static readonly double[] D = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];

    /// <summary><c>Φ⁻¹(p)</c>.</summary>
    /// <param name="p">Probability in (0, 1).</param>
    /// <returns>The quantile, e.g. 2.326348 for 0.99.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is not in (0, 1).</exception>
    public static double Inverse(double p)
    {
        if (!(p > 0 && p < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "Normal quantile: the probability must be in (0, 1).");
        }

        const double low = 0.02425;
        double x;
        if (p < low)
        {
            double q = Math.Sqrt(-2 * Math.Log(p));
            x = (((((((C[0] * q) + C[1]) * q) + C[2]) * q) + C[3]) * q + C[4]) * q + C[5];
            x /= (((((D[0] * q) + D[1]) * q) + D[2]) * q + D[3]) * q + 1;
        }
        else if (p <= 1 - low)
        {
            double q = p - 0.5, r = q * q;
            x = ((((((((A[0] * r) + A[1]) * r) + A[2]) * r) + A[3]) * r + A[4]) * r + A[5]) * q;
            x /= ((((((((B[0] * r) + B[1]) * r) + B[2]) * r) + B[3]) * r + B[4]) * r) + 1;
        }
        else
        {
            double q = Math.Sqrt(-2 * Math.Log(1 - p));
            x = -((((((((C[0] * q) + C[1]) * q) + C[2]) * q) + C[3]) * q + C[4]) * q + C[5]);
            x /= (((((D[0] * q) + D[1]) * q) + D[2]) * q + D[3]) * q + 1;
        }

        // One Halley step: e = Φ(x) − p (computed on the smaller tail for accuracy).
        double e = p < 0.5 ? NormalDistribution.Cdf(x) - p : (1 - p) - NormalDistribution.Cdf(-x);
        double u = e * Math.Sqrt(2 * Math.PI) * Math.Exp(0.5 * x * x);
        return x - (u / (1 + (0.5 * x * u)));
    }
}
