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
    /// In the last case the destination has been partly written.</exception>
    public static void Price(ReadOnlySpan<double> forward, ReadOnlySpan<double> strike, ReadOnlySpan<double> vol,
        ReadOnlySpan<double> time, ReadOnlySpan<double> rate, ReadOnlySpan<double> omega, Span<double> price)
    {
        Validate(forward, strike, vol, time, rate, omega, price, price);
        if (!Black76Kernel.Run(forward, strike, vol, time, rate, omega, price, default))
        {
            ThrowNotRepresentable(forward, strike, time, rate, price, price);
        }
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
    /// In the last case the destinations have been partly written.</exception>
    public static void PriceAndDelta(ReadOnlySpan<double> forward, ReadOnlySpan<double> strike, ReadOnlySpan<double> vol,
        ReadOnlySpan<double> time, ReadOnlySpan<double> rate, ReadOnlySpan<double> omega, Span<double> price, Span<double> delta)
    {
        Validate(forward, strike, vol, time, rate, omega, price, delta);
        if (!Black76Kernel.Run(forward, strike, vol, time, rate, omega, price, delta))
        {
            ThrowNotRepresentable(forward, strike, time, rate, price, delta);
        }
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
        int i = Black76InputCheck.FirstInvalid(forward, strike, vol, time, rate, omega);
        if (i >= 0)
        {
            ThrowInvalid(i, forward[i], strike[i], vol[i], time[i], rate[i], omega[i]);
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

    private static void ThrowNotRepresentable(ReadOnlySpan<double> forward, ReadOnlySpan<double> strike, ReadOnlySpan<double> time,
        ReadOnlySpan<double> rate, Span<double> price, Span<double> delta)
    {
        int i = 0;
        while (i < price.Length - 1 && double.IsFinite(price[i]) && double.IsFinite(delta[i]))
        {
            i++;
        }

        double rt = rate[i] * Math.Max(time[i], 0.0);
        if (!double.IsFinite(Math.Exp(-rt)))
        {
            Guard.ThrowArgument(
                $"Option #{i}: rate {Guard.Format(rate[i])} with time {Guard.Format(time[i])} gives a discount factor e^(-rT) = e^{Guard.Format(-rt)} beyond the double range.", "rate");
        }

        Guard.ThrowArgument(
            $"Option #{i}: the discounted forward or strike (forward {Guard.Format(forward[i])}, strike {Guard.Format(strike[i])}, discount factor {Guard.Format(Math.Exp(-rt))}) is beyond the double range.",
            forward[i] >= strike[i] ? "forward" : "strike");
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
