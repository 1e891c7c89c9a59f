using PortfolioMargin.Pricing.Kernels;

namespace PortfolioMargin.Pricing;

/// <summary>Standard normal distribution functions used by the pricers.</summary>
public static class NormalDistribution
{
    private const double InvSqrt2Pi = 0.398942280401432677939946059934;

    /// <summary>
    /// Cumulative distribution <c>Φ(x)</c>: one approximation on the whole line, <c>Φ(−|x|) = e^{−x²/2}·t·H(t)</c> with
    /// <c>t = 4.5/(4.5 + |x|)</c> and <c>H</c> a degree-20 polynomial; relative error ≤ 1e-13 for <c>x ≥ −37</c> (about
    /// 1e-15 measured). <c>Φ(x) = 0</c> for <c>x &lt; −37.5</c> (the true value is below 4.7e-308), <c>Φ(−∞) = 0</c>,
    /// <c>Φ(+∞) = 1</c>; NaN in, NaN out.
    /// </summary>
    public static double Cdf(double x) => NormalCdfKernel.Scalar(x);

    /// <summary>Density <c>φ(x) = e^{−x²/2}/√(2π)</c>.</summary>
    public static double Pdf(double x) => InvSqrt2Pi * Math.Exp(-0.5 * x * x);

    /// <summary>Vectorized <c>destination[i] = Φ(x[i])</c> (Vector512/256/128 as the hardware allows), equal to <see cref="Cdf(double)"/> to about 1e-15 relative and at the same cost for every argument. Spans may be the same span (in place).</summary>
    /// <exception cref="ArgumentException">The destination is shorter than the input, or overlaps it at an offset.</exception>
    public static void Cdf(ReadOnlySpan<double> x, Span<double> destination)
    {
        if (destination.Length < x.Length)
        {
            Guard.ThrowArgument($"Destination length {destination.Length} is shorter than the input length {x.Length}.", nameof(destination));
        }

        if (x.Overlaps(destination, out int offset) && offset != 0)
        {
            Guard.ThrowArgument("Input and destination overlap at an offset; they must be the same span or disjoint.", nameof(destination));
        }

        NormalCdfKernel.Apply(x, destination);
    }
}
