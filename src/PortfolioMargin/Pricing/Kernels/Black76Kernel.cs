using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using PortfolioMargin.Simd;

namespace PortfolioMargin.Pricing.Kernels;

/// <summary>
/// Batch Black-76 kernel over structure-of-arrays inputs:
/// <c>V = e^{−rT}·ω·(F·Φ(ω·d1) − K·Φ(ω·d2))</c>, <c>d1 = (ln(F/K) + σ²T/2)/(σ√T)</c>, <c>d2 = d1 − σ√T</c>, and the
/// forward delta <c>∂V/∂F = e^{−rT}·ω·Φ(ω·d1)</c>, where <c>ω = +1</c> for a call and <c>−1</c> for a put.
/// </summary>
/// <remarks>
/// Limits: when <c>σ√T &lt; <see cref="MinTotalVol"/></c> (which includes <c>T ≤ 0</c>) the price is the discounted
/// forward intrinsic <c>e^{−r·max(T,0)}·max(ω(F−K), 0)</c> and the delta is <c>e^{−r·max(T,0)}·ω</c> in the money,
/// 0 out of the money and half that at <c>F = K</c>; never NaN for valid inputs. Inputs are trusted (validated by the
/// public callers): <c>F, K &gt; 0</c>, <c>σ ≥ 0</c>, all finite, <c>ω = ±1</c>. Spans may alias element-for-element
/// (in place), never with an offset.
/// </remarks>
internal static class Black76Kernel
{
    /// <summary>Total volatility <c>σ√T</c> below which the deterministic (intrinsic) limit is used.</summary>
    public const double MinTotalVol = 1e-12;

    /// <summary>Scalar reference twin for one option; returns the price and writes the forward delta.</summary>
    public static double Scalar(double f, double k, double vol, double t, double r, double omega, out double delta)
    {
        double tPos = Math.Max(t, 0.0);
        double df = Math.Exp(-(r * tPos));
        double s = vol * Math.Sqrt(tPos);
        if (s < MinTotalVol)
        {
            double itm = omega * (f - k);
            delta = itm > 0 ? df * omega : itm == 0 ? 0.5 * df * omega : 0.0;
            return Math.Max(itm, 0.0) * df;
        }

        double d1 = (Math.Log(f / k) + (0.5 * s * s)) / s;
        double d2 = d1 - s;
        double nd1 = NormalCdfKernel.Scalar(omega * d1);
        double nd2 = NormalCdfKernel.Scalar(omega * d2);
        delta = df * omega * nd1;
        return df * omega * ((f * nd1) - (k * nd2));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TV Vector<TV>(TV f, TV k, TV vol, TV t, TV r, TV omega, out TV delta) where TV : struct, IVec<TV>
    {
        TV zero = TV.Create(0.0);
        TV tPos = TV.Max(t, zero);
        TV df = TV.Exp(-(r * tPos));
        TV s = vol * TV.Sqrt(tPos);
        TV small = TV.LessThan(s, TV.Create(MinTotalVol));
        TV one = TV.Create(1.0);
        TV sSafe = TV.Select(small, one, s);

        TV d1 = (TV.Log(f / k) + (TV.Create(0.5) * sSafe * sSafe)) / sSafe;
        TV d2 = d1 - sSafe;
        TV nd1 = NormalCdfKernel.Vector(omega * d1);
        TV nd2 = NormalCdfKernel.Vector(omega * d2);
        TV dfOmega = df * omega;
        TV price = dfOmega * ((f * nd1) - (k * nd2));
        delta = dfOmega * nd1;

        if (TV.AnyTrue(small))
        {
            TV itm = omega * (f - k);
            TV limitDelta = TV.Select(TV.GreaterThan(itm, zero), dfOmega, TV.Select(TV.Equal(itm, zero), TV.Create(0.5) * dfOmega, zero));
            price = TV.Select(small, TV.Max(itm, zero) * df, price);
            delta = TV.Select(small, limitDelta, delta);
        }

        return price;
    }

    /// <summary>Vectorized batch price, and the forward delta when <paramref name="delta"/> is not empty.</summary>
    public static void Run(
        ReadOnlySpan<double> forward, ReadOnlySpan<double> strike, ReadOnlySpan<double> vol, ReadOnlySpan<double> time,
        ReadOnlySpan<double> rate, ReadOnlySpan<double> omega, Span<double> price, Span<double> delta)
    {
        int n = forward.Length;
        bool withDelta = !delta.IsEmpty;
        ref double f = ref MemoryMarshal.GetReference(forward);
        ref double k = ref MemoryMarshal.GetReference(strike);
        ref double v = ref MemoryMarshal.GetReference(vol);
        ref double t = ref MemoryMarshal.GetReference(time);
        ref double r = ref MemoryMarshal.GetReference(rate);
        ref double w = ref MemoryMarshal.GetReference(omega);
        ref double p = ref MemoryMarshal.GetReference(price);
        ref double d = ref MemoryMarshal.GetReference(delta);
        int i = 0;
        if (V512.IsHardwareAccelerated)
        {
            for (; i <= n - V512.Count; i += V512.Count)
            {
                Block<V512>(ref f, ref k, ref v, ref t, ref r, ref w, ref p, ref d, i, withDelta);
            }
        }

        if (V256.IsHardwareAccelerated)
        {
            for (; i <= n - V256.Count; i += V256.Count)
            {
                Block<V256>(ref f, ref k, ref v, ref t, ref r, ref w, ref p, ref d, i, withDelta);
            }
        }

        if (V128.IsHardwareAccelerated)
        {
            for (; i <= n - V128.Count; i += V128.Count)
            {
                Block<V128>(ref f, ref k, ref v, ref t, ref r, ref w, ref p, ref d, i, withDelta);
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref p, i) = Scalar(Unsafe.Add(ref f, i), Unsafe.Add(ref k, i), Unsafe.Add(ref v, i), Unsafe.Add(ref t, i), Unsafe.Add(ref r, i), Unsafe.Add(ref w, i), out double di);
            if (withDelta)
            {
                Unsafe.Add(ref d, i) = di;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block<TV>(ref double f, ref double k, ref double v, ref double t, ref double r, ref double w, ref double p, ref double d, int i, bool withDelta)
        where TV : struct, IVec<TV>
    {
        TV price = Vector(TV.Load(ref f, i), TV.Load(ref k, i), TV.Load(ref v, i), TV.Load(ref t, i), TV.Load(ref r, i), TV.Load(ref w, i), out TV delta);
        TV.Store(price, ref p, i);
        if (withDelta)
        {
            TV.Store(delta, ref d, i);
        }
    }

    /// <summary>Scalar twin of <see cref="Run"/>.</summary>
    public static void RunScalar(
        ReadOnlySpan<double> forward, ReadOnlySpan<double> strike, ReadOnlySpan<double> vol, ReadOnlySpan<double> time,
        ReadOnlySpan<double> rate, ReadOnlySpan<double> omega, Span<double> price, Span<double> delta)
    {
        bool withDelta = !delta.IsEmpty;
        for (int i = 0; i < forward.Length; i++)
        {
            price[i] = Scalar(forward[i], strike[i], vol[i], time[i], rate[i], omega[i], out double di);
            if (withDelta)
            {
                delta[i] = di;
            }
        }
    }
}
