using System.Diagnostics.CodeAnalysis;
using PortfolioMargin.Instruments;

namespace PortfolioMargin.Pricing;

/// <summary>
/// Generalised Black–Scholes (Haug): <c>c = S·e^{(b−r)T}·N(d1) − K·e^{−rT}·N(d2)</c>,
/// <c>d1 = [ln(S/K) + (b + σ²/2)T]/(σ√T)</c>, <c>d2 = d1 − σ√T</c>; puts by parity. <c>b = r</c> gives Black–Scholes,
/// <c>b = r − q</c> Merton (dividend yield / foreign rate), <c>b = 0</c> Black-76 with <c>S = F</c>.
/// Scalar reference implementation; stateless and thread-safe.
/// </summary>
/// <remarks>
/// <para>Limits (never NaN): for <c>T ≤ 0</c> the price is the intrinsic value <c>max(ω(S − K), 0)</c> with zero
/// gamma, vega and theta; for <c>σ√T</c> below 1e-12 the price is the discounted forward intrinsic
/// <c>max(ω(S·e^{(b−r)T} − K·e^{−rT}), 0)</c>. In both limits the delta is <c>ω·e^{(b−r)T}</c> in the money, 0 out of the
/// money and half of that exactly at the money, and gamma is reported as 0 (at the money it is a Dirac spike).</para>
/// <para>Extremes: <c>d1 = (ln(S/K) + bT)/(σ√T) + σ√T/2</c> is formed without <c>σ²</c> and with <c>ln S − ln K</c> when
/// the ratio <c>S/K</c> leaves the normal double range, so any forward/strike ratio prices (deep in the tails the
/// normal CDF is exactly 0 or 1). A result that is itself outside the double range — the forward
/// <c>S·e^{(b−r)T}</c>, the discount factor, or a greek (say a gamma near <c>1/(S·σ√T)</c> for a tiny <c>S</c>) — is an
/// <see cref="ArgumentOutOfRangeException"/> naming the input and the quantity, never an infinity or a NaN.</para>
/// </remarks>
public static class BlackScholes
{
    private const double MinTotalVol = Kernels.Black76Kernel.MinTotalVol;
    private const double MinNormal = 2.2250738585072014e-308;

    /// <summary>Price of a European option.</summary>
    /// <param name="right">Call or put.</param>
    /// <param name="s">Underlying price (spot, or forward when <paramref name="b"/> = 0); finite, &gt; 0.</param>
    /// <param name="k">Strike; finite, &gt; 0.</param>
    /// <param name="t">Time to expiry in years; finite (≤ 0 means expired: intrinsic value).</param>
    /// <param name="r">Continuously-compounded risk-free rate per year; finite.</param>
    /// <param name="b">Cost of carry per year; finite.</param>
    /// <param name="vol">Volatility per √year; finite, ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">An input is NaN/infinite, <paramref name="s"/> or <paramref name="k"/> is not positive, <paramref name="vol"/> is negative, <c>σ√T</c> is not finite, or the price or a greek is beyond the double range.</exception>
    public static double Price(OptionRight right, double s, double k, double t, double r, double b, double vol)
    {
        OptionGreeks g = Evaluate(right, s, k, t, r, b, vol);
        if (!double.IsFinite(g.Price))
        {
            ThrowGreekOutOfRange(g, s, k, t, r, b, vol);
        }

        return g.Price;
    }

    /// <summary>Price and analytic greeks of a European option (see <see cref="OptionGreeks"/> for units).</summary>
    /// <param name="right">Call or put.</param>
    /// <param name="s">Underlying price (spot, or forward when <paramref name="b"/> = 0); finite, &gt; 0.</param>
    /// <param name="k">Strike; finite, &gt; 0.</param>
    /// <param name="t">Time to expiry in years; finite (≤ 0 means expired: intrinsic value).</param>
    /// <param name="r">Continuously-compounded risk-free rate per year; finite.</param>
    /// <param name="b">Cost of carry per year; finite.</param>
    /// <param name="vol">Volatility per √year; finite, ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">An input is NaN/infinite, <paramref name="s"/> or <paramref name="k"/> is not positive, <paramref name="vol"/> is negative, <c>σ√T</c> is not finite, or the price or a greek is beyond the double range.</exception>
    public static OptionGreeks Greeks(OptionRight right, double s, double k, double t, double r, double b, double vol)
    {
        OptionGreeks g = Evaluate(right, s, k, t, r, b, vol);
        if (!AllFinite(g))
        {
            ThrowGreekOutOfRange(g, s, k, t, r, b, vol);
        }

        return g;
    }

    /// <summary>Validated inputs to price and greeks; a figure may be non-finite only when it is beyond the double range (the callers check).</summary>
    private static OptionGreeks Evaluate(OptionRight right, double s, double k, double t, double r, double b, double vol)
    {
        Validate(right, s, k, t, r, b, vol);
        double omega = right == OptionRight.Call ? 1.0 : -1.0;
        if (t <= 0)
        {
            double itm = omega * (s - k);
            return new OptionGreeks(Math.Max(itm, 0.0), LimitDelta(itm, omega, 1.0), 0.0, 0.0, 0.0);
        }

        double sqrtT = Math.Sqrt(t);
        double totalVol = vol * sqrtT;
        double carry = Math.Exp((b - r) * t);
        double df = Math.Exp(-r * t);
        // fwd = S·e^{(b−r)T} and kdf = K·e^{−rT} must be finite; products are grouped through them below so that a carry
        // or discount factor that underflows to 0 gives 0 terms, not ∞·0.
        double fwd = s * carry, kdf = k * df;
        if (!double.IsFinite(fwd) || !double.IsFinite(kdf) || !double.IsFinite(totalVol))
        {
            ThrowInputsOutOfRange(s, k, t, r, b, vol, carry, df);
        }

        if (totalVol < MinTotalVol)
        {
            return DeterministicLimit(omega, r, b, carry, fwd, kdf, sqrtT);
        }

        // As Black76Kernel.Scalar when b = 0: d1,2 = q ± σ√T/2 with q = (ln(S/K) + bT)/(σ√T).
        double q = (LogRatio(s, k) + (b * t)) / totalVol, half = 0.5 * totalVol;
        double d1 = q + half;
        double d2 = q - half;
        double nd1 = Kernels.NormalCdfKernel.Scalar(omega * d1, out double pdf1); // φ(ω·d1) = φ(d1), from the same exponential
        double nd2 = NormalDistribution.Cdf(omega * d2);
        double price = omega * ((fwd * nd1) - (kdf * nd2));
        double delta = omega * carry * nd1;
        // φ(d1) = 0 far in the tails: gamma is 0 there even when S·σ√T underflows (a subnormal forward).
        double gamma = pdf1 == 0 ? 0.0 : carry * pdf1 / (s * totalVol);
        double vegaValue = fwd * pdf1 * sqrtT;
        double theta = (-fwd * pdf1 * vol / (2 * sqrtT)) - (omega * (b - r) * fwd * nd1) - (omega * r * kdf * nd2);
        return new OptionGreeks(price, delta, gamma, vegaValue, theta);
    }

    internal static bool AllFinite(OptionGreeks g) =>
        double.IsFinite(g.Price) && double.IsFinite(g.Delta) && double.IsFinite(g.Gamma) && double.IsFinite(g.Vega) && double.IsFinite(g.Theta);

    private static OptionGreeks DeterministicLimit(double omega, double r, double b, double carry, double fwd, double kdf, double sqrtT)
    {
        double itm = omega * (fwd - kdf);
        bool inTheMoney = itm > 0;
        double dPdT = inTheMoney ? omega * (((b - r) * fwd) + (r * kdf)) : 0.0;
        double vega = itm == 0 ? fwd * sqrtT * NormalDistribution.Pdf(0) : 0.0;
        return new OptionGreeks(Math.Max(itm, 0.0), LimitDelta(itm, omega, carry), 0.0, vega, -dPdT);
    }

    /// <summary><c>d1</c> of the generalised formula (finite inputs, <c>σ√T &gt; 0</c>), formed as in <see cref="Greeks"/>: <c>(ln(S/K) + bT)/(σ√T) + σ√T/2</c>.</summary>
    public static double D1(double s, double k, double t, double b, double vol)
    {
        double totalVol = vol * Math.Sqrt(t);
        return ((LogRatio(s, k) + (b * t)) / totalVol) + (0.5 * totalVol);
    }

    /// <summary><c>ln(S/K)</c>; as <c>ln S − ln K</c> when the ratio overflows or leaves the normal range (finite for any positive finite inputs).</summary>
    private static double LogRatio(double s, double k)
    {
        double ratio = s / k;
        return ratio >= MinNormal && ratio <= double.MaxValue ? Math.Log(ratio) : Math.Log(s) - Math.Log(k);
    }

    [DoesNotReturn]
    private static void ThrowInputsOutOfRange(double s, double k, double t, double r, double b, double vol, double carry, double df)
    {
        if (!double.IsFinite(vol * Math.Sqrt(t)))
        {
            throw new ArgumentOutOfRangeException(nameof(vol), vol,
                $"Volatility {Guard.Format(vol)} with time to expiry {Guard.Format(t)} gives a total volatility vol·√T beyond the double range.");
        }

        if (!double.IsFinite(s * carry))
        {
            string param = double.IsFinite(carry) ? nameof(s) : Math.Abs(b) >= Math.Abs(r) ? nameof(b) : nameof(r);
            throw new ArgumentOutOfRangeException(param, s,
                $"The forward S·e^((b-r)T) is beyond the double range (S = {Guard.Format(s)}, b = {Guard.Format(b)}, r = {Guard.Format(r)}, T = {Guard.Format(t)}).");
        }

        throw new ArgumentOutOfRangeException(double.IsFinite(df) ? nameof(k) : nameof(r), r,
            $"The discounted strike K·e^(-rT) is beyond the double range (K = {Guard.Format(k)}, r = {Guard.Format(r)}, T = {Guard.Format(t)}).");
    }

    [DoesNotReturn]
    private static void ThrowGreekOutOfRange(OptionGreeks g, double s, double k, double t, double r, double b, double vol)
    {
        string which = !double.IsFinite(g.Price) ? "price" : !double.IsFinite(g.Delta) ? "delta" : !double.IsFinite(g.Gamma) ? "gamma"
            : !double.IsFinite(g.Vega) ? "vega" : "theta";
        throw new ArgumentOutOfRangeException(nameof(s), s,
            $"The option's {which} is beyond the double range (S = {Guard.Format(s)}, K = {Guard.Format(k)}, T = {Guard.Format(t)}, r = {Guard.Format(r)}, b = {Guard.Format(b)}, vol = {Guard.Format(vol)}); quote the prices in another unit.");
    }

    private static double LimitDelta(double itm, double omega, double carry) =>
        itm > 0 ? omega * carry : itm == 0 ? 0.5 * omega * carry : 0.0;

    internal static void Validate(OptionRight right, double s, double k, double t, double r, double b, double vol)
    {
        if (right is not (OptionRight.Call or OptionRight.Put))
        {
            throw new ArgumentOutOfRangeException(nameof(right), right, "Option right must be Call or Put.");
        }

        Guard.Positive(s, "Underlying price");
        Guard.Positive(k, "Strike");
        Guard.Finite(t, "Time to expiry");
        Guard.Finite(r, "Rate");
        Guard.Finite(b, "Cost of carry");
        Guard.NonNegative(vol, "Volatility");
    }
}

/// <summary>Black-76 (options on forwards/futures): generalised Black–Scholes with <c>b = 0</c> and <c>S = F</c>.</summary>
public static class Black76
{
    /// <summary>Price <c>e^{−rT}·[F·N(d1) − K·N(d2)]</c> (call; put by parity).</summary>
    /// <exception cref="ArgumentOutOfRangeException">See <see cref="BlackScholes.Greeks"/>.</exception>
    public static double Price(OptionRight right, double forward, double strike, double t, double r, double vol) =>
        BlackScholes.Price(right, forward, strike, t, r, 0.0, vol);

    /// <summary>Price and greeks with respect to the forward.</summary>
    /// <exception cref="ArgumentOutOfRangeException">See <see cref="BlackScholes.Greeks"/>.</exception>
    public static OptionGreeks Greeks(OptionRight right, double forward, double strike, double t, double r, double vol) =>
        BlackScholes.Greeks(right, forward, strike, t, r, 0.0, vol);
}

/// <summary>
/// Inverse (coin-settled, Deribit-style) European options: the premium in coin is the Black-76 quote-currency price
/// divided by the forward, <c>C_coin = C/F</c>.
/// </summary>
public static class InverseOption
{
    /// <summary>Premium in coin per unit of underlying: <c>Black76(F, K, σ, T, r)/F</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">See <see cref="BlackScholes.Greeks"/>; also when the coin premium is beyond the double range (a forward so small, e.g. subnormal, that <c>K/F</c> overflows), naming the forward.</exception>
    public static double CoinPrice(OptionRight right, double forward, double strike, double t, double r, double vol)
    {
        double coin = Black76.Price(right, forward, strike, t, r, vol) / forward;
        if (!double.IsFinite(coin))
        {
            ThrowCoinOutOfRange("price", forward, strike);
        }

        return coin;
    }

    /// <summary>
    /// Coin-denominated price and greeks per unit of underlying. With <c>V = C/F</c> the coin value and
    /// <c>Δ = ∂C/∂F</c> the Black-76 delta: <c>Price = V</c>; <c>Delta = F·∂V/∂F = Δ − V</c> (the coin delta:
    /// <c>N(d1) − C_coin</c> for calls and <c>N(d1) − 1 − P_coin</c> for puts when r = 0); <c>Gamma = ∂Delta/∂F =
    /// Γ − (Δ − V)/F</c>; <c>Vega = ν/F</c>; <c>Theta = Θ/F</c> (coin per year).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">See <see cref="BlackScholes.Greeks"/>; also when a coin figure is beyond the double range (a forward so small, e.g. subnormal, that <c>K/F</c> overflows), naming the forward.</exception>
    public static OptionGreeks CoinGreeks(OptionRight right, double forward, double strike, double t, double r, double vol) =>
        FromBlack76(Black76.Greeks(right, forward, strike, t, r, vol), forward, strike);

    /// <summary>The coin greeks of <see cref="CoinGreeks"/> from the Black-76 price and greeks <paramref name="g"/> at <paramref name="forward"/> (strike for the message).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A coin figure is beyond the double range.</exception>
    internal static OptionGreeks FromBlack76(in OptionGreeks g, double forward, double strike)
    {
        double v = g.Price / forward;
        double coinDelta = g.Delta - v;
        var coin = new OptionGreeks(v, coinDelta, g.Gamma - (coinDelta / forward), g.Vega / forward, g.Theta / forward);
        if (!BlackScholes.AllFinite(coin))
        {
            ThrowCoinOutOfRange("price or greeks", forward, strike);
        }

        return coin;
    }

    [DoesNotReturn]
    private static void ThrowCoinOutOfRange(string what, double forward, double strike) =>
        throw new ArgumentOutOfRangeException(nameof(forward), forward,
            $"The coin {what} (quote-currency value / forward) is beyond the double range: forward {Guard.Format(forward)} is too small{(double.IsNaN(strike) ? "" : $" for strike {Guard.Format(strike)}")}.");
}
