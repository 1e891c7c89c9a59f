using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using PortfolioMargin.Simd;

namespace PortfolioMargin.Pricing.Kernels;

/// <summary>
/// Batch Black-76 kernel over structure-of-arrays inputs:
/// <c>V = e^{−rT}·ω·(F·Φ(ω·d1) − K·Φ(ω·d2))</c>, <c>d1,2 = ln(F/K)/(σ√T) ± σ√T/2</c>, and the
/// forward delta <c>∂V/∂F = e^{−rT}·ω·Φ(ω·d1)</c>, where <c>ω = +1</c> for a call and <c>−1</c> for a put.
/// </summary>
/// <remarks>
/// <para>Limits: when <c>σ√T &lt; <see cref="MinTotalVol"/></c> (which includes <c>T ≤ 0</c>) the price is the discounted
/// forward intrinsic <c>e^{−r·max(T,0)}·max(ω(F−K), 0)</c> and the delta is <c>e^{−r·max(T,0)}·ω</c> in the money,
/// 0 out of the money and half that at <c>F = K</c>. Inputs are trusted (validated by the public callers, see
/// <see cref="Black76InputCheck"/>): <c>F, K &gt; 0</c>, <c>σ ≥ 0</c>, all finite, <c>σ√T</c> finite, <c>ω = ±1</c>. On
/// such inputs no intermediate is NaN: a forward/strike ratio beyond the double range gives <c>ln(F/K) = ±∞</c>,
/// <c>d1,2 = ±∞</c> and <c>Φ = 0 or 1</c>, the correct limit. The one way left to a non-finite output is an
/// unrepresentable result (<c>e^{−rT}</c> or <c>e^{−rT}·max(F, K)</c> beyond the double range); the drivers return
/// false then, and the public caller names the option. Outputs must not overlap inputs.</para>
/// <para>Shape: the vectorized path works in chunks of <see cref="Chunk"/> options through three stages held in stack
/// buffers (prepare <c>ω·d1</c>, <c>ω·d2</c>, <c>e^{−rT}</c>; the vectorized normal CDF in place; combine), so each
/// stage is a small loop the JIT inlines completely at every vector width. The loops are marked
/// <c>NoInlining | AggressiveOptimization</c>: compiled fully optimised on first call (under tiered compilation the
/// generic stage methods were measured stuck in slow code, 5× slower), and never inlined into a tiered caller, whose
/// re-compilation would otherwise pull the whole chain into one method and exhaust the inline budget again (measured:
/// the normal CDF fell from 4.5× to 1× its twin once its public caller tiered up). The scalar twins carry the same
/// attributes so comparisons stay fair.</para>
/// </remarks>
internal static class Black76Kernel
{
    /// <summary>Total volatility <c>σ√T</c> below which the deterministic (intrinsic) limit is used.</summary>
    public const double MinTotalVol = 1e-12;

    /// <summary>Options per stage chunk (3 stack buffers of this many doubles).</summary>
    public const int Chunk = 256;

    /// <summary>Scalar reference twin for one option; returns the price and writes the forward delta.</summary>
    public static double Scalar(double f, double k, double vol, double t, double r, double omega, out double delta)
    {
        // Operation order as in Prepare/Combine below.
        double tPos = Math.Max(t, 0.0);
        double df = Math.Exp(-(r * tPos));
        double s = vol * Math.Sqrt(tPos);
        if (s < MinTotalVol)
        {
            double itm = omega * (f - k);
            delta = itm > 0 ? df * omega : itm == 0 ? 0.5 * df * omega : 0.0;
            return Math.Max(itm, 0.0) * df;
        }

        double q = Math.Log(f / k) / s, half = 0.5 * s;
        double d1 = q + half;
        double d2 = q - half;
        double nd1 = NormalCdfKernel.Scalar(omega * d1);
        double nd2 = NormalCdfKernel.Scalar(omega * d2);
        delta = df * omega * nd1;
        return df * omega * ((f * nd1) - (k * nd2));
    }

    /// <summary>Scalar twin of <see cref="Run"/>; returns false when some output is not finite.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static bool RunScalar(
        ReadOnlySpan<double> forward, ReadOnlySpan<double> strike, ReadOnlySpan<double> vol, ReadOnlySpan<double> time,
        ReadOnlySpan<double> rate, ReadOnlySpan<double> omega, Span<double> price, Span<double> delta)
    {
        bool withDelta = !delta.IsEmpty, finite = true;
        for (int i = 0; i < forward.Length; i++)
        {
            price[i] = Scalar(forward[i], strike[i], vol[i], time[i], rate[i], omega[i], out double di);
            finite &= double.IsFinite(price[i]) & double.IsFinite(di);
            if (withDelta)
            {
                delta[i] = di;
            }
        }

        return finite;
    }

    /// <summary>
    /// Vectorized batch price, and the forward delta when <paramref name="delta"/> is not empty. Widest accelerated width
    /// first. Returns false when some output is not finite (an unrepresentable result, see the remarks).
    /// </summary>
    public static bool Run(
        ReadOnlySpan<double> forward, ReadOnlySpan<double> strike, ReadOnlySpan<double> vol, ReadOnlySpan<double> time,
        ReadOnlySpan<double> rate, ReadOnlySpan<double> omega, Span<double> price, Span<double> delta) =>
        RunCore<V512, V256, V128>(forward, strike, vol, time, rate, omega, price, delta);

    /// <summary>The vectorized path restricted to one vector width <typeparamref name="TV"/> (plus the scalar tail), for tests.</summary>
    internal static bool RunWidth<TV>(
        ReadOnlySpan<double> forward, ReadOnlySpan<double> strike, ReadOnlySpan<double> vol, ReadOnlySpan<double> time,
        ReadOnlySpan<double> rate, ReadOnlySpan<double> omega, Span<double> price, Span<double> delta)
        where TV : struct, IVec<TV> =>
        RunCore<TV, TV, TV>(forward, strike, vol, time, rate, omega, price, delta);

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static bool RunCore<TA, TB, TC>(
        ReadOnlySpan<double> forward, ReadOnlySpan<double> strike, ReadOnlySpan<double> vol, ReadOnlySpan<double> time,
        ReadOnlySpan<double> rate, ReadOnlySpan<double> omega, Span<double> price, Span<double> delta)
        where TA : struct, IVec<TA>
        where TB : struct, IVec<TB>
        where TC : struct, IVec<TC>
    {
        bool withDelta = !delta.IsEmpty, finite = true;
        Span<double> buffer = stackalloc double[3 * Chunk];
        for (int start = 0; start < forward.Length; start += Chunk)
        {
            int len = Math.Min(Chunk, forward.Length - start);
            Span<double> x1 = buffer.Slice(0, len), x2 = buffer.Slice(Chunk, len), df = buffer.Slice(2 * Chunk, len);
            var inputs = new Inputs(forward.Slice(start, len), strike.Slice(start, len), vol.Slice(start, len), time.Slice(start, len), rate.Slice(start, len), omega.Slice(start, len));

            int i = Prepare<TA>(0, inputs, x1, x2, df);
            i = Prepare<TB>(i, inputs, x1, x2, df);
            i = Prepare<TC>(i, inputs, x1, x2, df);
            for (; i < len; i++)
            {
                PrepareScalar(i, inputs, x1, x2, df);
            }

            NormalCdfKernel.ApplyWidths<TA, TB, TC>(x1, x1);
            NormalCdfKernel.ApplyWidths<TA, TB, TC>(x2, x2);

            Span<double> p = price.Slice(start, len);
            Span<double> d = withDelta ? delta.Slice(start, len) : default;
            i = Combine<TA>(0, inputs, x1, x2, df, p, d, ref finite);
            i = Combine<TB>(i, inputs, x1, x2, df, p, d, ref finite);
            i = Combine<TC>(i, inputs, x1, x2, df, p, d, ref finite);
            for (; i < len; i++)
            {
                finite &= CombineScalar(i, inputs, x1, x2, df, p, d);
            }
        }

        return finite;
    }

    private readonly ref struct Inputs(ReadOnlySpan<double> f, ReadOnlySpan<double> k, ReadOnlySpan<double> v, ReadOnlySpan<double> t, ReadOnlySpan<double> r, ReadOnlySpan<double> w)
    {
        public readonly ReadOnlySpan<double> F = f, K = k, V = v, T = t, R = r, W = w;
    }

    /// <summary>Stage 1: <c>x1 = ω·d1</c>, <c>x2 = ω·d2</c> (with <c>σ√T</c> replaced by 1 in the limit lanes), <c>df = e^{−r·max(T,0)}</c>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static int Prepare<TV>(int i, scoped in Inputs a, Span<double> x1, Span<double> x2, Span<double> df) where TV : struct, IVec<TV>
    {
        if (!TV.IsHardwareAccelerated)
        {
            return i;
        }

        ref double f = ref MemoryMarshal.GetReference(a.F), k = ref MemoryMarshal.GetReference(a.K), v = ref MemoryMarshal.GetReference(a.V);
        ref double t = ref MemoryMarshal.GetReference(a.T), r = ref MemoryMarshal.GetReference(a.R), w = ref MemoryMarshal.GetReference(a.W);
        ref double o1 = ref MemoryMarshal.GetReference(x1), o2 = ref MemoryMarshal.GetReference(x2), od = ref MemoryMarshal.GetReference(df);
        int n = x1.Length;
        for (; i <= n - TV.Count; i += TV.Count)
        {
            TV tPos = TV.Max(TV.Load(ref t, i), TV.Create(0.0));
            TV s = TV.Load(ref v, i) * TV.Sqrt(tPos);
            TV sSafe = TV.Select(TV.LessThan(s, TV.Create(MinTotalVol)), TV.Create(1.0), s);
            TV omega = TV.Load(ref w, i);
            TV q = TV.Log(TV.Load(ref f, i) / TV.Load(ref k, i)) / sSafe, half = TV.Create(0.5) * sSafe;
            TV.Store(omega * (q + half), ref o1, i);
            TV.Store(omega * (q - half), ref o2, i);
            TV.Store(TV.Exp(-(TV.Load(ref r, i) * tPos)), ref od, i);
        }

        return i;
    }

    private static void PrepareScalar(int i, scoped in Inputs a, Span<double> x1, Span<double> x2, Span<double> df)
    {
        double tPos = Math.Max(a.T[i], 0.0);
        double s = a.V[i] * Math.Sqrt(tPos);
        double sSafe = s < MinTotalVol ? 1.0 : s;
        double q = Math.Log(a.F[i] / a.K[i]) / sSafe, half = 0.5 * sSafe;
        x1[i] = a.W[i] * (q + half);
        x2[i] = a.W[i] * (q - half);
        df[i] = Math.Exp(-(a.R[i] * tPos));
    }

    /// <summary>
    /// Stage 3: price and delta from <c>Φ(ω·d1)</c>, <c>Φ(ω·d2)</c> and the discount factor, with the limit lanes blended
    /// in; clears <paramref name="finite"/> when some price or delta is not finite.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static int Combine<TV>(int i, scoped in Inputs a, Span<double> n1, Span<double> n2, Span<double> df, Span<double> price, Span<double> delta, ref bool finite)
        where TV : struct, IVec<TV>
    {
        if (!TV.IsHardwareAccelerated)
        {
            return i;
        }

        bool withDelta = !delta.IsEmpty;
        ref double f = ref MemoryMarshal.GetReference(a.F), k = ref MemoryMarshal.GetReference(a.K), v = ref MemoryMarshal.GetReference(a.V);
        ref double t = ref MemoryMarshal.GetReference(a.T), w = ref MemoryMarshal.GetReference(a.W);
        ref double c1 = ref MemoryMarshal.GetReference(n1), c2 = ref MemoryMarshal.GetReference(n2), dfr = ref MemoryMarshal.GetReference(df);
        ref double p = ref MemoryMarshal.GetReference(price), d = ref MemoryMarshal.GetReference(delta);
        int n = n1.Length;
        TV zero = TV.Create(0.0), sticky = zero;
        for (; i <= n - TV.Count; i += TV.Count)
        {
            TV fv = TV.Load(ref f, i), kv = TV.Load(ref k, i), omega = TV.Load(ref w, i), nd1 = TV.Load(ref c1, i);
            TV dfOmega = TV.Load(ref dfr, i) * omega;
            TV pv = dfOmega * ((fv * nd1) - (kv * TV.Load(ref c2, i)));
            TV dv = dfOmega * nd1;
            TV small = TV.LessThan(TV.Load(ref v, i) * TV.Sqrt(TV.Max(TV.Load(ref t, i), zero)), TV.Create(MinTotalVol));
            if (TV.AnyTrue(small))
            {
                TV itm = omega * (fv - kv);
                TV limitDelta = TV.Select(TV.GreaterThan(itm, zero), dfOmega, TV.Select(TV.Equal(itm, zero), TV.Create(0.5) * dfOmega, zero));
                pv = TV.Select(small, TV.Max(itm, zero) * TV.Load(ref dfr, i), pv);
                dv = TV.Select(small, limitDelta, dv);
            }

            // x − x is 0 for a finite x and NaN otherwise; a NaN stays in the sum.
            sticky += (pv - pv) + (dv - dv);
            TV.Store(pv, ref p, i);
            if (withDelta)
            {
                TV.Store(dv, ref d, i);
            }
        }

        finite &= TV.AllTrue(TV.Equal(sticky, zero));
        return i;
    }

    private static bool CombineScalar(int i, scoped in Inputs a, Span<double> n1, Span<double> n2, Span<double> df, Span<double> price, Span<double> delta)
    {
        double omega = a.W[i], dfOmega = df[i] * omega;
        double pv = dfOmega * ((a.F[i] * n1[i]) - (a.K[i] * n2[i]));
        double dv = dfOmega * n1[i];
        if (a.V[i] * Math.Sqrt(Math.Max(a.T[i], 0.0)) < MinTotalVol)
        {
            double itm = omega * (a.F[i] - a.K[i]);
            dv = itm > 0 ? dfOmega : itm == 0 ? 0.5 * dfOmega : 0.0;
            pv = Math.Max(itm, 0.0) * df[i];
        }

        price[i] = pv;
        if (!delta.IsEmpty)
        {
            delta[i] = dv;
        }

        return double.IsFinite(pv) & double.IsFinite(dv);
    }
}
