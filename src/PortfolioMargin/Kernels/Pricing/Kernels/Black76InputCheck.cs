using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using PortfolioMargin.Simd;

namespace PortfolioMargin.Pricing.Kernels;

/// <summary>
/// The input domain of <see cref="Black76Kernel"/>, checked in one vectorized pass: per option
/// <c>0 &lt; F, K ≤ double.MaxValue</c>, <c>0 ≤ σ ≤ double.MaxValue</c>, <c>T</c> and <c>r</c> finite, <c>ω = ±1</c>
/// and the total volatility <c>σ·√max(T, 0)</c> finite. NaN fails every comparison, so it is never valid.
/// </summary>
/// <remarks>
/// The public batch API calls <see cref="FirstInvalid"/> and only on failure looks at the one option it returns to
/// name the field (<see cref="Black76Batch"/>); a scalar loop of branches over the six inputs cost as much as the
/// pricing itself. <see cref="IsValid"/> is the scalar twin (same comparisons), used for the tail and by the tests.
/// </remarks>
internal static class Black76InputCheck
{
    /// <summary>Scalar twin: true when one option is inside the kernel's domain.</summary>
    public static bool IsValid(double f, double k, double vol, double t, double r, double omega) =>
        f > 0 && f <= double.MaxValue && k > 0 && k <= double.MaxValue && vol >= 0 && vol <= double.MaxValue
        && Math.Abs(t) <= double.MaxValue && Math.Abs(r) <= double.MaxValue && Math.Abs(omega) == 1.0
        && vol * Math.Sqrt(Math.Max(t, 0.0)) <= double.MaxValue;

    /// <summary>Index of the first option outside the domain, or −1. Widest accelerated width first.</summary>
    public static int FirstInvalid(
        ReadOnlySpan<double> forward, ReadOnlySpan<double> strike, ReadOnlySpan<double> vol, ReadOnlySpan<double> time,
        ReadOnlySpan<double> rate, ReadOnlySpan<double> omega) =>
        FirstInvalidWidths<V512, V256, V128>(forward, strike, vol, time, rate, omega);

    /// <summary>Scalar twin of <see cref="FirstInvalid"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static int FirstInvalidScalar(
        ReadOnlySpan<double> forward, ReadOnlySpan<double> strike, ReadOnlySpan<double> vol, ReadOnlySpan<double> time,
        ReadOnlySpan<double> rate, ReadOnlySpan<double> omega)
    {
        for (int i = 0; i < forward.Length; i++)
        {
            if (!IsValid(forward[i], strike[i], vol[i], time[i], rate[i], omega[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The check with the vector widths to try, widest first (tests pass one width three times).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    internal static int FirstInvalidWidths<TA, TB, TC>(
        ReadOnlySpan<double> forward, ReadOnlySpan<double> strike, ReadOnlySpan<double> vol, ReadOnlySpan<double> time,
        ReadOnlySpan<double> rate, ReadOnlySpan<double> omega)
        where TA : struct, IVec<TA>
        where TB : struct, IVec<TB>
        where TC : struct, IVec<TC>
    {
        var inputs = new Inputs(forward, strike, vol, time, rate, omega);
        int i = Scan<TA>(0, inputs);
        i = Scan<TB>(i, inputs);
        i = Scan<TC>(i, inputs);
        for (; i < forward.Length; i++)
        {
            if (!IsValid(forward[i], strike[i], vol[i], time[i], rate[i], omega[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private readonly ref struct Inputs(ReadOnlySpan<double> f, ReadOnlySpan<double> k, ReadOnlySpan<double> v, ReadOnlySpan<double> t, ReadOnlySpan<double> r, ReadOnlySpan<double> w)
    {
        public readonly ReadOnlySpan<double> F = f, K = k, V = v, T = t, R = r, W = w;
    }

    /// <summary>Advances over whole vectors while every lane is valid; stops at the first vector with an invalid lane (the scalar tail then finds it).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static int Scan<TV>(int i, scoped in Inputs a) where TV : struct, IVec<TV>
    {
        if (!TV.IsHardwareAccelerated)
        {
            return i;
        }

        ref double f = ref MemoryMarshal.GetReference(a.F), k = ref MemoryMarshal.GetReference(a.K), v = ref MemoryMarshal.GetReference(a.V);
        ref double t = ref MemoryMarshal.GetReference(a.T), r = ref MemoryMarshal.GetReference(a.R), w = ref MemoryMarshal.GetReference(a.W);
        TV zero = TV.Create(0.0), max = TV.Create(double.MaxValue);
        int n = a.F.Length;
        for (; i <= n - TV.Count; i += TV.Count)
        {
            TV fv = TV.Load(ref f, i), kv = TV.Load(ref k, i), vv = TV.Load(ref v, i), tv = TV.Load(ref t, i);
            TV ok = TV.And(TV.GreaterThan(fv, zero), TV.LessThanOrEqual(fv, max));
            ok = TV.And(ok, TV.And(TV.GreaterThan(kv, zero), TV.LessThanOrEqual(kv, max)));
            ok = TV.And(ok, TV.And(TV.LessThanOrEqual(zero, vv), TV.LessThanOrEqual(vv, max)));
            ok = TV.And(ok, TV.And(TV.LessThanOrEqual(TV.Abs(tv), max), TV.LessThanOrEqual(TV.Abs(TV.Load(ref r, i)), max)));
            ok = TV.And(ok, TV.Equal(TV.Abs(TV.Load(ref w, i)), TV.Create(1.0)));
            ok = TV.And(ok, TV.LessThanOrEqual(vv * TV.Sqrt(TV.Max(tv, zero)), max));
            if (!TV.AllTrue(ok))
            {
                return i;
            }
        }

        return i;
    }
}
