using PortfolioMargin.Instruments;

namespace PortfolioMargin.Pricing;

/// <summary>
/// Generalised Black–Scholes (Haug): <c>c = S·e^{(b−r)T}·N(d1) − K·e^{−rT}·N(d2)</c>,
/// <c>d1 = [ln(S/K) + (b + σ²/2)T]/(σ√T)</c>, <c>d2 = d1 − σ√T</c>; puts by parity. <c>b = r</c> gives Black–Scholes,
/// <c>b = r − q</c> Merton (dividend yield / foreign rate), <c>b = 0</c> Black-76 with <c>S = F</c>.
/// Scalar reference implementation; stateless and thread-safe.
/// </summary>
/// <remarks>
/// Limits (never NaN): for <c>T ≤ 0</c> the price is the intrinsic value <c>max(ω(S − K), 0)</c> with zero
/// gamma, vega and theta; for <c>σ√T</c> below 1e-12 the price is the discounted forward intrinsic
/// <c>max(ω(S·e^{(b−r)T} − K·e^{−rT}), 0)</c>. In both limits the delta is <c>ω·e^{(b−r)T}</c> in the money, 0 out of the
/// money and half of that exactly at the money, and gamma is reported as 0 (at the money it is a Dirac spike).
/// </remarks>
public static class BlackScholes
{
    private const double MinTotalVol = Kernels.Black76Kernel.MinTotalVol;

    /// <summary>Price of a European option.</summary>
    /// <param name="right">Call or put.</param>
    /// <param name="s">Underlying price (spot, or forward when <paramref name="b"/> = 0); finite, &gt; 0.</param>
    /// <param name="k">Strike; finite, &gt; 0.</param>
    /// <param name="t">Time to expiry in years; finite (≤ 0 means expired: intrinsic value).</param>
    /// <param name="r">Continuously-compounded risk-free rate per year; finite.</param>
    /// <param name="b">Cost of carry per year; finite.</param>
    /// <param name="vol">Volatility per √year; finite, ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">An input is NaN/infinite, <paramref name="s"/> or <paramref name="k"/> is not positive, or <paramref name="vol"/> is negative.</exception>
    public static double Price(OptionRight right, double s, double k, double t, double r, double b, double vol) =>
        Greeks(right, s, k, t, r, b, vol).Price;

    /// <summary>Price and analytic greeks of a European option (see <see cref="OptionGreeks"/> for units).</summary>
    /// <param name="right">Call or put.</param>
    /// <param name="s">Underlying price (spot, or forward when <paramref name="b"/> = 0); finite, &gt; 0.</param>
    /// <param name="k">Strike; finite, &gt; 0.</param>
    /// <param name="t">Time to expiry in years; finite (≤ 0 means expired: intrinsic value).</param>
    /// <param name="r">Continuously-compounded risk-free rate per year; finite.</param>
    /// <param name="b">Cost of carry per year; finite.</param>
    /// <param name="vol">Volatility per √year; finite, ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">An input is NaN/infinite, <paramref name="s"/> or <paramref name="k"/> is not positive, or <paramref name="vol"/> is negative.</exception>
    public static OptionGreeks Greeks(OptionRight right, double s, double k, double t, double r, double b, double vol)
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
        if (totalVol < MinTotalVol)
        {
            double itm = omega * ((s * carry) - (k * df));
            bool inTheMoney = itm > 0;
            double dPdT = inTheMoney ? omega * (((b - r) * s * carry) + (r * k * df)) : 0.0;
            double vega = itm == 0 ? s * carry * sqrtT * NormalDistribution.Pdf(0) : 0.0;
            return new OptionGreeks(Math.Max(itm, 0.0), LimitDelta(itm, omega, carry), 0.0, vega, -dPdT);
        }

        double d1 = (Math.Log(s / k) + ((b + (0.5 * vol * vol)) * t)) / totalVol;
        double d2 = d1 - totalVol;
        double nd1 = NormalDistribution.Cdf(omega * d1);
        double nd2 = NormalDistribution.Cdf(omega * d2);
        double pdf1 = NormalDistribution.Pdf(d1);
        double price = omega * ((s * carry * nd1) - (k * df * nd2));
        double delta = omega * carry * nd1;
        double gamma = carry * pdf1 / (s * totalVol);
        double vegaValue = s * carry * pdf1 * sqrtT;
        double theta = (-s * carry * pdf1 * vol / (2 * sqrtT)) - (omega * (b - r) * s * carry * nd1) - (omega * r * k * df * nd2);
        return new OptionGreeks(price, delta, gamma, vegaValue, theta);
    }

    /// <summary><c>d1</c> of the generalised formula (finite inputs, <c>σ√T &gt; 0</c>).</summary>
    public static double D1(double s, double k, double t, double b, double vol) =>
        (Math.Log(s / k) + ((b + (0.5 * vol * vol)) * t)) / (vol * Math.Sqrt(t));

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
    /// <exception cref="ArgumentOutOfRangeException">See <see cref="BlackScholes.Greeks"/>.</exception>
    public static double CoinPrice(OptionRight right, double forward, double strike, double t, double r, double vol) =>
        Black76.Price(right, forward, strike, t, r, vol) / forward;

    /// <summary>
    /// Coin-denominated price and greeks per unit of underlying. With <c>V = C/F</c> the coin value and
    /// <c>Δ = ∂C/∂F</c> the Black-76 delta: <c>Price = V</c>; <c>Delta = F·∂V/∂F = Δ − V</c> (the coin delta:
    /// <c>N(d1) − C_coin</c> for calls and <c>N(d1) − 1 − P_coin</c> for puts when r = 0); <c>Gamma = ∂Delta/∂F =
    /// Γ − (Δ − V)/F</c>; <c>Vega = ν/F</c>; <c>Theta = Θ/F</c> (coin per year).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">See <see cref="BlackScholes.Greeks"/>.</exception>
    public static OptionGreeks CoinGreeks(OptionRight right, double forward, double strike, double t, double r, double vol) =>
        FromBlack76(Black76.Greeks(right, forward, strike, t, r, vol), forward);

    /// <summary>The coin greeks of <see cref="CoinGreeks"/> from the Black-76 price and greeks <paramref name="g"/> at <paramref name="forward"/>.</summary>
    internal static OptionGreeks FromBlack76(in OptionGreeks g, double forward)
    {
        double v = g.Price / forward;
        double coinDelta = g.Delta - v;
        return new OptionGreeks(v, coinDelta, g.Gamma - (coinDelta / forward), g.Vega / forward, g.Theta / forward);
    }
}
