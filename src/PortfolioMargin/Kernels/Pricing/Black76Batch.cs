using PortfolioMargin.Pricing.Kernels;

namespace PortfolioMargin.Pricing;

/// <summary>
/// Vectorized Black-76 pricing of many options at once over structure-of-arrays spans (Vector512/256/128 as the
/// hardware allows, scalar tail). Per element: <c>V = e^{−rT}·ω·(F·Φ(ω·d1) − K·Φ(ω·d2))</c> with <c>ω = +1</c> for a call
/// and <c>−1</c> for a put; the delta is the forward delta <c>∂V/∂F = e^{−rT}·ω·Φ(ω·d1)</c>. Limits as in
/// <see cref="BlackScholes"/>. Allocates nothing; thread-safe.
/// </summary>
public static class Black76Batch
{
    /// <summary>Prices every option.</summary>
    /// <param name="forward">Forwards; finite, &gt; 0.</param>
    /// <param name="strike">Strikes; finite, &gt; 0.</param>
    /// <param name="vol">Vols per √year; finite, ≥ 0.</param>
    /// <param name="time">Years to expiry; finite (≤ 0: intrinsic).</param>
    /// <param name="rate">Discount rates; finite.</param>
    /// <param name="omega">+1 for a call, −1 for a put.</param>
    /// <param name="price">Destination for the prices (same length).</param>
    /// <exception cref="ArgumentException">Lengths differ, or an input is invalid (the message names the index and field).</exception>
    public static void Price(ReadOnlySpan<double> forward, ReadOnlySpan<double> strike, ReadOnlySpan<double> vol,
        ReadOnlySpan<double> time, ReadOnlySpan<double> rate, ReadOnlySpan<double> omega, Span<double> price)
    {
        Validate(forward, strike, vol, time, rate, omega, price, price);
        Black76Kernel.Run(forward, strike, vol, time, rate, omega, price, default);
    }

    /// <summary>Prices every option and writes its forward delta.</summary>
    /// <param name="forward">Forwards; finite, &gt; 0.</param>
    /// <param name="strike">Strikes; finite, &gt; 0.</param>
    /// <param name="vol">Vols per √year; finite, ≥ 0.</param>
    /// <param name="time">Years to expiry; finite (≤ 0: intrinsic).</param>
    /// <param name="rate">Discount rates; finite.</param>
    /// <param name="omega">+1 for a call, −1 for a put.</param>
    /// <param name="price">Destination for the prices (same length).</param>
    /// <param name="delta">Destination for the forward deltas (same length).</param>
    /// <exception cref="ArgumentException">Lengths differ, or an input is invalid (the message names the index and field).</exception>
    public static void PriceAndDelta(ReadOnlySpan<double> forward, ReadOnlySpan<double> strike, ReadOnlySpan<double> vol,
        ReadOnlySpan<double> time, ReadOnlySpan<double> rate, ReadOnlySpan<double> omega, Span<double> price, Span<double> delta)
    {
        Validate(forward, strike, vol, time, rate, omega, price, delta);
        Black76Kernel.Run(forward, strike, vol, time, rate, omega, price, delta);
    }

    private static void Validate(ReadOnlySpan<double> forward, ReadOnlySpan<double> strike, ReadOnlySpan<double> vol,
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
        for (int i = 0; i < n; i++)
        {
            if (!(forward[i] > 0) || !double.IsFinite(forward[i]))
            {
                Bad(i, "forward", forward[i], "finite and > 0");
            }

            if (!(strike[i] > 0) || !double.IsFinite(strike[i]))
            {
                Bad(i, "strike", strike[i], "finite and > 0");
            }

            if (!(vol[i] >= 0) || !double.IsFinite(vol[i]))
            {
                Bad(i, "vol", vol[i], "finite and >= 0");
            }

            if (!double.IsFinite(time[i]))
            {
                Bad(i, "time", time[i], "finite");
            }

            if (!double.IsFinite(rate[i]))
            {
                Bad(i, "rate", rate[i], "finite");
            }

            if (omega[i] is not (1.0 or -1.0))
            {
                Bad(i, "omega", omega[i], "+1 (call) or -1 (put)");
            }
        }
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
