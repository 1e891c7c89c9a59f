using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using PortfolioMargin.Simd;

namespace PortfolioMargin.Pricing.Kernels;

/// <summary>
/// Standard normal CDF <c>Φ(x)</c> by one approximation valid on the whole line, so every argument costs the same:
/// with <c>y = |x|</c>, <c>Φ(−y) = e^{−y²/2}·t·H(s)</c>, <c>t = C/(C + y)</c>, <c>s = α·t + β</c> (which maps
/// <c>0 ≤ y ≤ 37.5</c> onto <c>−1 ≤ s ≤ 1</c>) and <c>H</c> a degree-20 polynomial fitted for minimal relative error
/// (reproduced by <c>tests/PortfolioMargin.Tests/Kernels/normal-cdf-fit.py</c>); <c>Φ(y) = 1 − Φ(−y)</c>.
/// <c>e^{−y²/2}</c> is evaluated as <c>e^{−hi/2}·(1 − lo/2)</c> with <c>y² = hi + lo</c> split exactly by a fused
/// multiply-add, so the far tail keeps full relative accuracy (a plain <c>e^{−y·y/2}</c> would lose <c>y²/2</c> ulps).
/// Relative error ≤ 1e-13 for <c>x ≥ −37</c> (the fit: 2e-16; the double evaluation: about 1e-15 against 30-digit
/// values, in simulation and measured).
/// </summary>
/// <remarks>
/// <para>Edges: <c>Φ(x) = 0</c> for <c>x &lt; −37.5</c>, where the true value (below 4.7e-308) reaches the bottom of the normal double
/// range — the exponential is never asked for a subnormal or underflowing result, which would take slow paths;
/// <c>Φ(−∞) = 0</c>, <c>Φ(+∞) = 1</c>; NaN in, NaN out.</para>
/// <para><see cref="Scalar(double)"/> is the reference twin; <see cref="Vector{TV}"/> performs the same operations in the same
/// order on every lane (no branches, no per-region work), so the two differ only by the ULP-level differences of the
/// exponential implementations.</para>
/// </remarks>
internal static class NormalCdfKernel
{
    /// <summary>Largest <c>|x|</c> evaluated; beyond it <c>Φ(−|x|)</c> is returned as 0.</summary>
    public const double Cutoff = 37.5;

    private const double C = 4.5, Alpha = 2.24, Beta = -1.24;
    private const double InvSqrt2Pi = 0.398942280401432677939946059934;

    private const double H0 = 0.18606248514918322, H1 = 0.14786005741441, H2 = 0.09493971065027314;
    private const double H3 = 0.0482208333389635, H4 = 0.01838363213507267, H5 = 0.004552276890772809;
    private const double H6 = 0.0002949184391040628, H7 = -0.0002534204903897896, H8 = -7.752435709140733e-05;
    private const double H9 = 9.58698136696575e-06, H10 = 8.52958735248224e-06, H11 = -2.6820184195914087e-07;
    private const double H12 = -9.27195363920763e-07, H13 = 1.763977724144352e-08, H14 = 1.091549239622435e-07;
    private const double H15 = -6.5869390101836175e-09, H16 = -1.3399941043384126e-08, H17 = 1.6393751751293225e-09;
    private const double H18 = 1.5221603749353285e-09, H19 = -1.9482884867355572e-10, H20 = -1.1633970363791722e-10;

    /// <summary>Scalar reference twin: <c>Φ(x)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Scalar(double x) => Scalar(x, out _);

    /// <summary>
    /// <c>Φ(x)</c>, and the density <c>φ(x) = e^{−x²/2}/√(2π)</c> from the same exponential (so a pricer that needs both
    /// pays for one); <c>φ(x) = 0</c> past the cutoff, like the tail.
    /// </summary>
    public static double Scalar(double x, out double density)
    {
        double ax = Math.Abs(x);
        double y = Math.Min(ax, Cutoff);
        double t = C / (C + y);
        double s = Math.FusedMultiplyAdd(Alpha, t, Beta);
        double h = Polynomial(s);
        double hi = y * y;
        double lo = Math.FusedMultiplyAdd(y, y, -hi);
        double e = Math.Exp(-0.5 * hi) * Math.FusedMultiplyAdd(-0.5, lo, 1.0);
        bool beyond = ax > Cutoff;
        density = beyond ? 0.0 : InvSqrt2Pi * e;
        double tail = beyond ? 0.0 : e * (t * h);
        return x > 0 ? 1.0 - tail : tail;
    }

    /// <summary>
    /// <c>H(s)</c> by Estrin's scheme: pairs <c>H₂ᵢ + H₂ᵢ₊₁·s</c>, then pairs of those with <c>s²</c>, <c>s⁴</c>, <c>s⁸</c>,
    /// <c>s¹⁶</c>. Twenty fused multiply-adds as Horner's rule would take, but a dependency chain of about six instead of
    /// twenty: a single evaluation (the scalar pricer called once per option) waits ~25 cycles for it, not ~80. The
    /// coefficients fall off fast and <c>|s| ≤ 1</c>, so the rounding error stays a few ulps either way.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Polynomial(double s)
    {
        double s2 = s * s, s4 = s2 * s2, s8 = s4 * s4, s16 = s8 * s8;
        double q0 = Math.FusedMultiplyAdd(H1, s, H0), q1 = Math.FusedMultiplyAdd(H3, s, H2), q2 = Math.FusedMultiplyAdd(H5, s, H4);
        double q3 = Math.FusedMultiplyAdd(H7, s, H6), q4 = Math.FusedMultiplyAdd(H9, s, H8), q5 = Math.FusedMultiplyAdd(H11, s, H10);
        double q6 = Math.FusedMultiplyAdd(H13, s, H12), q7 = Math.FusedMultiplyAdd(H15, s, H14), q8 = Math.FusedMultiplyAdd(H17, s, H16);
        double q9 = Math.FusedMultiplyAdd(H19, s, H18);
        double r0 = Math.FusedMultiplyAdd(q1, s2, q0), r1 = Math.FusedMultiplyAdd(q3, s2, q2), r2 = Math.FusedMultiplyAdd(q5, s2, q4);
        double r3 = Math.FusedMultiplyAdd(q7, s2, q6), r4 = Math.FusedMultiplyAdd(q9, s2, q8);
        double o0 = Math.FusedMultiplyAdd(r1, s4, r0), o1 = Math.FusedMultiplyAdd(r3, s4, r2), o2 = Math.FusedMultiplyAdd(H20, s4, r4);
        return Math.FusedMultiplyAdd(o2, s16, Math.FusedMultiplyAdd(o1, s8, o0));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV Polynomial<TV>(TV s) where TV : struct, IVec<TV>
    {
        TV s2 = s * s, s4 = s2 * s2, s8 = s4 * s4, s16 = s8 * s8;
        TV q0 = Pair(H1, s, H0), q1 = Pair(H3, s, H2), q2 = Pair(H5, s, H4), q3 = Pair(H7, s, H6), q4 = Pair(H9, s, H8);
        TV q5 = Pair(H11, s, H10), q6 = Pair(H13, s, H12), q7 = Pair(H15, s, H14), q8 = Pair(H17, s, H16), q9 = Pair(H19, s, H18);
        TV r0 = TV.FusedMultiplyAdd(q1, s2, q0), r1 = TV.FusedMultiplyAdd(q3, s2, q2), r2 = TV.FusedMultiplyAdd(q5, s2, q4);
        TV r3 = TV.FusedMultiplyAdd(q7, s2, q6), r4 = TV.FusedMultiplyAdd(q9, s2, q8);
        TV o0 = TV.FusedMultiplyAdd(r1, s4, r0), o1 = TV.FusedMultiplyAdd(r3, s4, r2), o2 = TV.FusedMultiplyAdd(TV.Create(H20), s4, r4);
        return TV.FusedMultiplyAdd(o2, s16, TV.FusedMultiplyAdd(o1, s8, o0));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static TV Pair(double high, TV s, double low) => TV.FusedMultiplyAdd(TV.Create(high), s, TV.Create(low));
    }

    /// <summary>Vector form of <see cref="Scalar(double)"/>, lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Vector<TV>(TV x) where TV : struct, IVec<TV>
    {
        TV ax = TV.Abs(x);
        TV y = TV.Min(ax, TV.Create(Cutoff));
        TV t = TV.Create(C) / (TV.Create(C) + y);
        TV s = TV.FusedMultiplyAdd(TV.Create(Alpha), t, TV.Create(Beta));
        TV h = Polynomial(s);
        TV hi = y * y;
        TV lo = TV.FusedMultiplyAdd(y, y, -hi);
        TV e = TV.Exp(TV.Create(-0.5) * hi) * TV.FusedMultiplyAdd(TV.Create(-0.5), lo, TV.Create(1.0));
        TV tail = TV.Select(TV.GreaterThan(ax, TV.Create(Cutoff)), TV.Create(0.0), e * (t * h));
        return TV.Select(TV.GreaterThan(x, TV.Create(0.0)), TV.Create(1.0) - tail, tail);
    }

    /// <summary>Vectorized driver: <c>destination[i] = Φ(x[i])</c>. Widest accelerated width first, then narrower, then the scalar twin. In place allowed.</summary>
    public static void Apply(ReadOnlySpan<double> x, Span<double> destination) => ApplyWidths<V512, V256, V128>(x, destination);

    /// <summary>The driver with the vector widths to try, widest first (tests pass one width three times).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    internal static void ApplyWidths<TA, TB, TC>(ReadOnlySpan<double> x, Span<double> destination)
        where TA : struct, IVec<TA>
        where TB : struct, IVec<TB>
        where TC : struct, IVec<TC>
    {
        int i = ApplyWidth<TA>(0, x, destination);
        i = ApplyWidth<TB>(i, x, destination);
        i = ApplyWidth<TC>(i, x, destination);
        for (; i < x.Length; i++)
        {
            destination[i] = Scalar(x[i]);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static int ApplyWidth<TV>(int i, ReadOnlySpan<double> x, Span<double> destination) where TV : struct, IVec<TV>
    {
        if (!TV.IsHardwareAccelerated)
        {
            return i;
        }

        ref double src = ref MemoryMarshal.GetReference(x);
        ref double dst = ref MemoryMarshal.GetReference(destination);
        for (; i <= x.Length - TV.Count; i += TV.Count)
        {
            TV.Store(Vector(TV.Load(ref src, i)), ref dst, i);
        }

        return i;
    }

    /// <summary>Scalar twin of <see cref="Apply"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void ApplyScalar(ReadOnlySpan<double> x, Span<double> destination)
    {
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = Scalar(x[i]);
        }
    }
}
