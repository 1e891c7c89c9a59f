using PortfolioMargin.Pricing.Kernels;

namespace PortfolioMargin.Pricing;

/// <summary>
/// Vectorized Black-76 pricing of many options at once over structure-of-arrays spans (Vector512/256/128 as the
/// hardware allows, scalar tail). Per element: <c>V = e^{−rT}·ω·(F·Φ(ω·d1) − K·Φ(ω·d2))</c> with <c>ω = +1</c> for a call
/// and <c>−1</c> for a put; the delta is the forward delta <c>∂V/∂F = e^{−rT}·ω·Φ(ω·d1)</c>. Limits as in
/// <see cref="BlackScholes"/>. The cost per option is the same whatever the inputs (no per-region work). Never NaN:
/// an input outside the domain, or a result outside the double range, is an <see cref="ArgumentException"/> naming the
/// option and the field. Allocates nothing; thread-safe.
/// </summary>
public static class Black76Batch
{
    /// <summary>Options checked and priced together (6 inputs × 8 bytes × 4096 = 192 KB, within a core's L2 cache).</summary>
    private const int Chunk = 4096;

    /// <summary>Prices every option.</summary>
    /// <param name="forward">Forwards; finite, &gt; 0.</param>
    /// <param name="strike">Strikes; finite, &gt; 0.</param>
    /// <param name="vol">Vols per √year; finite, ≥ 0, with <c>vol·√time</c> finite.</param>
    /// <param name="time">Years to expiry; finite (≤ 0: intrinsic).</param>
    /// <param name="rate">Discount rates; finite.</param>
    /// <param name="omega">+1 for a call, −1 for a put.</param>
    /// <param name="price">Destination for the prices (same length).</param>
    /// <exception cref="ArgumentException">Lengths differ, an input is invalid, or a price is not representable
    /// (<c>e^{−rT}</c> or <c>e^{−rT}·max(F, K)</c> beyond the double range); the message names the index and the field.
    /// Inputs are checked and priced in chunks of 4,096 options, so the options of earlier chunks have been priced
    /// when a later one throws.</exception>
    public static void Price(ReadOnlySpan<double> forward, ReadOnlySpan<double> strike, ReadOnlySpan<double> vol,
        ReadOnlySpan<double> time, ReadOnlySpan<double> rate, ReadOnlySpan<double> omega, Span<double> price)
    {
        CheckLengths(forward, strike, vol, time, rate, omega, price, price);
        CheckAndRun(forward, strike, vol, time, rate, omega, price, default);
    }

    /// <summary>Prices every option and writes its forward delta.</summary>
    /// <param name="forward">Forwards; finite, &gt; 0.</param>
    /// <param name="strike">Strikes; finite, &gt; 0.</param>
    /// <param name="vol">Vols per √year; finite, ≥ 0, with <c>vol·√time</c> finite.</param>
    /// <param name="time">Years to expiry; finite (≤ 0: intrinsic).</param>
    /// <param name="rate">Discount rates; finite.</param>
    /// <param name="omega">+1 for a call, −1 for a put.</param>
    /// <param name="price">Destination for the prices (same length).</param>
    /// <param name="delta">Destination for the forward deltas (same length).</param>
    /// <exception cref="ArgumentException">Lengths differ, an input is invalid, or a price is not representable
    /// (<c>e^{−rT}</c> or <c>e^{−rT}·max(F, K)</c> beyond the double range); the message names the index and the field.
    /// Inputs are checked and priced in chunks of 4,096 options, so the options of earlier chunks have been priced
    /// when a later one throws.</exception>
    public static void PriceAndDelta(ReadOnlySpan<double> forward, ReadOnlySpan<double> strike, ReadOnlySpan<double> vol,
        ReadOnlySpan<double> time, ReadOnlySpan<double> rate, ReadOnlySpan<double> omega, Span<double> price, Span<double> delta)
    {
        CheckLengths(forward, strike, vol, time, rate, omega, price, delta);
        CheckAndRun(forward, strike, vol, time, rate, omega, price, delta);
    }

    private static void CheckLengths(ReadOnlySpan<double> forward, ReadOnlySpan<double> strike, ReadOnlySpan<double> vol,
        ReadOnlySpan<double> time, ReadOnlySpan<double> rate, ReadOnlySpan<double> omega, Span<double> price, Span<double> delta)
    {
        int n = forward.Length;
        CheckLength(strike.Length, n, nameof(strike));
        CheckLength(vol.Length, n, nameof(vol));
        CheckLength(time.Length, n, nameof(time));
        CheckLength(rate.Length, n, nameof(rate));
        CheckLength(omega.Length, n, nameof(omega));
        CheckLength(price.Length, n, nameof(price));
        CheckLength(delta.Length, n, nameof(delta));
    }

    /// <summary>
    /// Checks then prices <see cref="Chunk"/> options at a time, so the kernel reads each chunk from the cache the check
    /// has just filled: one pass over the inputs in memory instead of two.
    /// </summary>
    private static void CheckAndRun(ReadOnlySpan<double> forward, ReadOnlySpan<double> strike, ReadOnlySpan<double> vol,
        ReadOnlySpan<double> time, ReadOnlySpan<double> rate, ReadOnlySpan<double> omega, Span<double> price, Span<double> delta)
    {
        bool withDelta = !delta.IsEmpty;
        for (int start = 0; start < forward.Length; start += Chunk)
        {
            int len = Math.Min(Chunk, forward.Length - start);
            ReadOnlySpan<double> f = forward.Slice(start, len), k = strike.Slice(start, len), v = vol.Slice(start, len);
            ReadOnlySpan<double> t = time.Slice(start, len), r = rate.Slice(start, len), w = omega.Slice(start, len);
            int bad = Black76InputCheck.FirstInvalid(f, k, v, t, r, w);
            if (bad >= 0)
            {
                ThrowInvalid(start + bad, f[bad], k[bad], v[bad], t[bad], r[bad], w[bad]);
            }

            Span<double> p = price.Slice(start, len), d = withDelta ? delta.Slice(start, len) : default;
            if (!Black76Kernel.Run(f, k, v, t, r, w, p, d))
            {
                ThrowNotRepresentable(start, f, k, t, r, p, withDelta ? d : p);
            }
        }
    }

    private static void ThrowInvalid(int i, double f, double k, double vol, double t, double r, double w)
    {
        if (!(f > 0) || !double.IsFinite(f))
        {
            Bad(i, "forward", f, "finite and > 0");
        }

        if (!(k > 0) || !double.IsFinite(k))
        {
            Bad(i, "strike", k, "finite and > 0");
        }

        if (!(vol >= 0) || !double.IsFinite(vol))
        {
            Bad(i, "vol", vol, "finite and >= 0");
        }

        if (!double.IsFinite(t))
        {
            Bad(i, "time", t, "finite");
        }

        if (!double.IsFinite(r))
        {
            Bad(i, "rate", r, "finite");
        }

        if (w is not (1.0 or -1.0))
        {
            Bad(i, "omega", w, "+1 (call) or -1 (put)");
        }

        Guard.ThrowArgument(
            $"Option #{i}: vol {Guard.Format(vol)} with time {Guard.Format(t)} gives a total volatility vol·√time beyond the double range.", "vol");
    }

    private static void ThrowNotRepresentable(int start, ReadOnlySpan<double> forward, ReadOnlySpan<double> strike, ReadOnlySpan<double> time,
        ReadOnlySpan<double> rate, Span<double> price, Span<double> delta)
    {
        int j = 0;
        while (j < price.Length - 1 && double.IsFinite(price[j]) && double.IsFinite(delta[j]))
        {
            j++;
        }

        int i = start + j;
        (double f, double k, double t, double r) = (forward[j], strike[j], time[j], rate[j]);
        double rt = r * Math.Max(t, 0.0);
        if (!double.IsFinite(Math.Exp(-rt)))
        {
            Guard.ThrowArgument(
                $"Option #{i}: rate {Guard.Format(r)} with time {Guard.Format(t)} gives a discount factor e^(-rT) = e^{Guard.Format(-rt)} beyond the double range.", "rate");
        }

        Guard.ThrowArgument(
            $"Option #{i}: the discounted forward or strike (forward {Guard.Format(f)}, strike {Guard.Format(k)}, discount factor {Guard.Format(Math.Exp(-rt))}) is beyond the double range.",
            f >= k ? "forward" : "strike");
    }

    private static void CheckLength(int actual, int expected, string name)
    {
        if (actual != expected)
        {
            Guard.ThrowArgument($"Span '{name}' has length {actual}; expected {expected} (the length of 'forward').", name);
        }
    }

    private static void Bad(int index, string field, double value, string expected) =>
        Guard.ThrowArgument($"Option #{index}: {field} must be {expected}, got {Guard.Format(value)}.", field);
}
