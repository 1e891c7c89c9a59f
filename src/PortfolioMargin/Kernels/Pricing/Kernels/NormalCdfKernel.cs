using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using PortfolioMargin.Simd;

namespace PortfolioMargin.Pricing.Kernels;

/// <summary>
/// Standard normal CDF <c>Φ(x)</c> after W. J. Cody, "Rational Chebyshev approximations for the error function"
/// (Math. Comp. 1969) as packaged in ACM TOMS Algorithm 715 (ANORM). The approximation is evaluated directly in
/// <c>x</c> (not through <c>erfc(x/√2)</c>, whose argument scaling costs ~2·(x²/2)·ε of relative accuracy in the far
/// tail), and <c>exp(−x²/2)</c> is split as <c>exp(−x₁²/2)·exp(−(x−x₁)(x+x₁)/2)</c> with <c>x₁ = trunc(16x)/16</c>
/// so that <c>x₁²</c> is exact. Relative error ≤ 1e-13 for <c>x ≥ −37</c>; below ≈ −38.5 the result underflows to 0.
/// </summary>
/// <remarks>
/// <see cref="Scalar"/> is the branching reference twin; <see cref="Vector{TV}"/> evaluates the three Cody regions
/// branch-free (each region only when some lane needs it) and blends. Both use the same operation order without
/// fused multiply-adds, so they differ only by the ULP-level differences of the exponential implementations.
/// </remarks>
internal static class NormalCdfKernel
{
    // Region 1, |x| <= 0.66291: Φ(x) = 1/2 + x·A(x²)/B(x²).
    private const double A0 = 2.2352520354606839287e00, A1 = 1.6102823106855587881e02, A2 = 1.0676894854603709582e03;
    private const double A3 = 1.8154981253343561249e04, A4 = 6.5682337918207449113e-2;
    private const double B0 = 4.7202581904688241870e01, B1 = 9.7609855173777669322e02, B2 = 1.0260932208618978205e04;
    private const double B3 = 4.5507789335026729956e04;

    // Region 2, 0.66291 < |x| <= √32: Φ(−|x|) = exp(−x²/2)·C(|x|)/D(|x|).
    private const double C0 = 3.9894151208813466764e-1, C1 = 8.8831497943883759412e00, C2 = 9.3506656132177855979e01;
    private const double C3 = 5.9727027639480026226e02, C4 = 2.4945375852903726711e03, C5 = 6.8481904505362823326e03;
    private const double C6 = 1.1602651437647350124e04, C7 = 9.8427148383839780218e03, C8 = 1.0765576773720192317e-8;
    private const double D0 = 2.2266688044328115691e01, D1 = 2.3538790178262499861e02, D2 = 1.5193775994075548050e03;
    private const double D3 = 6.4855582982667607550e03, D4 = 1.8615571640885098091e04, D5 = 3.4900952721145977266e04;
    private const double D6 = 3.8912003286093271411e04, D7 = 1.9685429676859990727e04;

    // Region 3, |x| > √32: Φ(−|x|) = exp(−x²/2)·(1/√(2π) − z·P(z)/Q(z))/|x|, z = 1/x².
    private const double P0 = 2.1589853405795699e-1, P1 = 1.274011611602473639e-1, P2 = 2.2235277870649807e-2;
    private const double P3 = 1.421619193227893466e-3, P4 = 2.9112874951168792e-5, P5 = 2.307344176494017303e-2;
    private const double Q0 = 1.28426009614491121e00, Q1 = 4.68238212480865118e-1, Q2 = 6.59881378689285515e-2;
    private const double Q3 = 3.78239633202758244e-3, Q4 = 7.29751555083966205e-5;

    private const double InvSqrt2Pi = 3.9894228040143267794e-1;
    private const double Threshold = 0.66291;
    private const double Root32 = 5.656854248;
    private const double Sixteen = 16.0;

    /// <summary>Scalar reference twin: <c>Φ(x)</c>.</summary>
    public static double Scalar(double x)
    {
        double y = Math.Abs(x);
        if (y <= Threshold)
        {
            double xsq = x * x;
            double xnum = A4 * xsq, xden = xsq;
            xnum = (xnum + A0) * xsq; xden = (xden + B0) * xsq;
            xnum = (xnum + A1) * xsq; xden = (xden + B1) * xsq;
            xnum = (xnum + A2) * xsq; xden = (xden + B2) * xsq;
            return 0.5 + (x * (xnum + A3) / (xden + B3));
        }

        double r;
        if (y <= Root32)
        {
            r = Region2(y);
        }
        else
        {
            r = Region3(y);
        }

        double x1 = Math.Truncate(y * Sixteen) / Sixteen;
        double del = (y - x1) * (y + x1);
        double tail = Math.Exp(-(x1 * x1 * 0.5)) * Math.Exp(-(del * 0.5)) * r;
        return x > 0 ? 1.0 - tail : tail;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Region2(double y)
    {
        double xnum = C8 * y, xden = y;
        xnum = (xnum + C0) * y; xden = (xden + D0) * y;
        xnum = (xnum + C1) * y; xden = (xden + D1) * y;
        xnum = (xnum + C2) * y; xden = (xden + D2) * y;
        xnum = (xnum + C3) * y; xden = (xden + D3) * y;
        xnum = (xnum + C4) * y; xden = (xden + D4) * y;
        xnum = (xnum + C5) * y; xden = (xden + D5) * y;
        xnum = (xnum + C6) * y; xden = (xden + D6) * y;
        return (xnum + C7) / (xden + D7);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Region3(double y)
    {
        double z = 1.0 / (y * y);
        double xnum = P5 * z, xden = z;
        xnum = (xnum + P0) * z; xden = (xden + Q0) * z;
        xnum = (xnum + P1) * z; xden = (xden + Q1) * z;
        xnum = (xnum + P2) * z; xden = (xden + Q2) * z;
        xnum = (xnum + P3) * z; xden = (xden + Q3) * z;
        double r = z * (xnum + P4) / (xden + Q4);
        return (InvSqrt2Pi - r) / y;
    }

    /// <summary>Vector form of <see cref="Scalar"/>, lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Vector<TV>(TV x) where TV : struct, IVec<TV>
    {
        TV y = TV.Abs(x);
        TV inner = TV.LessThanOrEqual(y, TV.Create(Threshold));
        TV result = TV.Create(0.0);

        if (!TV.AllTrue(inner))
        {
            TV middle = TV.LessThanOrEqual(y, TV.Create(Root32));
            TV r;
            if (TV.AllTrue(middle))
            {
                r = Region2(y);
            }
            else if (!TV.AnyTrue(middle))
            {
                r = Region3(y);
            }
            else
            {
                r = TV.Select(middle, Region2(y), Region3(y));
            }

            TV x1 = TV.Truncate(y * TV.Create(Sixteen)) / TV.Create(Sixteen);
            TV del = (y - x1) * (y + x1);
            TV half = TV.Create(0.5);
            TV tail = TV.Exp(-(x1 * x1 * half)) * TV.Exp(-(del * half)) * r;
            result = TV.Select(TV.GreaterThan(x, TV.Create(0.0)), TV.Create(1.0) - tail, tail);
        }

        if (TV.AnyTrue(inner))
        {
            TV xsq = x * x;
            TV xnum = TV.Create(A4) * xsq, xden = xsq;
            xnum = (xnum + TV.Create(A0)) * xsq; xden = (xden + TV.Create(B0)) * xsq;
            xnum = (xnum + TV.Create(A1)) * xsq; xden = (xden + TV.Create(B1)) * xsq;
            xnum = (xnum + TV.Create(A2)) * xsq; xden = (xden + TV.Create(B2)) * xsq;
            TV central = TV.Create(0.5) + (x * (xnum + TV.Create(A3)) / (xden + TV.Create(B3)));
            result = TV.Select(inner, central, result);
        }

        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV Region2<TV>(TV y) where TV : struct, IVec<TV>
    {
        TV xnum = TV.Create(C8) * y, xden = y;
        xnum = (xnum + TV.Create(C0)) * y; xden = (xden + TV.Create(D0)) * y;
        xnum = (xnum + TV.Create(C1)) * y; xden = (xden + TV.Create(D1)) * y;
        xnum = (xnum + TV.Create(C2)) * y; xden = (xden + TV.Create(D2)) * y;
        xnum = (xnum + TV.Create(C3)) * y; xden = (xden + TV.Create(D3)) * y;
        xnum = (xnum + TV.Create(C4)) * y; xden = (xden + TV.Create(D4)) * y;
        xnum = (xnum + TV.Create(C5)) * y; xden = (xden + TV.Create(D5)) * y;
        xnum = (xnum + TV.Create(C6)) * y; xden = (xden + TV.Create(D6)) * y;
        return (xnum + TV.Create(C7)) / (xden + TV.Create(D7));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV Region3<TV>(TV y) where TV : struct, IVec<TV>
    {
        TV z = TV.Create(1.0) / (y * y);
        TV xnum = TV.Create(P5) * z, xden = z;
        xnum = (xnum + TV.Create(P0)) * z; xden = (xden + TV.Create(Q0)) * z;
        xnum = (xnum + TV.Create(P1)) * z; xden = (xden + TV.Create(Q1)) * z;
        xnum = (xnum + TV.Create(P2)) * z; xden = (xden + TV.Create(Q2)) * z;
        xnum = (xnum + TV.Create(P3)) * z; xden = (xden + TV.Create(Q3)) * z;
        TV r = z * (xnum + TV.Create(P4)) / (xden + TV.Create(Q4));
        return (TV.Create(InvSqrt2Pi) - r) / y;
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
