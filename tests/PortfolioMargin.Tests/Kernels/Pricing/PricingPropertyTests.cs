using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PortfolioMargin.Instruments;
using PortfolioMargin.Pricing;

namespace PortfolioMargin.Tests.Kernels.Pricing;

/// <summary>Invariants of the pricer as FsCheck properties.</summary>
public sealed class PricingPropertyTests
{
    /// <summary>Random but valid inputs: S, K across 4 orders of moneyness, T from 1 minute to 10 years, vol 1 %–500 %.</summary>
    internal static Gen<(double S, double K, double T, double R, double B, double Vol)> Inputs =>
        from s in Gen.Choose(1, 200_000)
        from moneyness in Gen.Choose(-200, 200)
        from tMinutes in Gen.Choose(1, 10 * 365 * 1440)
        from r in Gen.Choose(-200, 1_000)
        from b in Gen.Choose(-500, 1_000)
        from vol in Gen.Choose(1, 500)
        select ((double)s, s * Math.Exp(moneyness / 100.0), tMinutes / (365.0 * 1440.0), r / 10_000.0, b / 10_000.0, vol / 100.0);

    [Property(MaxTest = 500)]
    public Property Put_call_parity_holds_for_generalised_black_scholes() =>
        Prop.ForAll(Inputs.ToArbitrary(), x =>
        {
            double c = BlackScholes.Price(OptionRight.Call, x.S, x.K, x.T, x.R, x.B, x.Vol);
            double p = BlackScholes.Price(OptionRight.Put, x.S, x.K, x.T, x.R, x.B, x.Vol);
            double parity = (x.S * Math.Exp((x.B - x.R) * x.T)) - (x.K * Math.Exp(-x.R * x.T));
            return Math.Abs(c - p - parity) <= 1e-11 * (x.S + x.K);
        });

    [Property(MaxTest = 500)]
    public Property Prices_are_finite_nonnegative_and_within_no_arbitrage_bounds() =>
        Prop.ForAll(Inputs.ToArbitrary(), x =>
        {
            OptionGreeks c = BlackScholes.Greeks(OptionRight.Call, x.S, x.K, x.T, x.R, x.B, x.Vol);
            OptionGreeks p = BlackScholes.Greeks(OptionRight.Put, x.S, x.K, x.T, x.R, x.B, x.Vol);
            double fwdDisc = x.S * Math.Exp((x.B - x.R) * x.T);
            double tol = 1e-11 * (x.S + x.K);
            return double.IsFinite(c.Price + c.Delta + c.Gamma + c.Vega + c.Theta + p.Price + p.Delta + p.Gamma + p.Vega + p.Theta)
                && c.Price >= -tol && p.Price >= -tol && c.Price <= fwdDisc + tol
                && c.Gamma >= 0 && c.Vega >= 0 && Math.Abs(c.Gamma - p.Gamma) <= 1e-9 * Math.Max(1, c.Gamma);
        });

    [Property(MaxTest = 300)]
    public Property Inverse_put_call_parity_in_coin() =>
        Prop.ForAll(Inputs.ToArbitrary(), x =>
        {
            // C_coin − P_coin = e^{−rT}(F − K)/F
            double c = InverseOption.CoinPrice(OptionRight.Call, x.S, x.K, x.T, x.R, x.Vol);
            double p = InverseOption.CoinPrice(OptionRight.Put, x.S, x.K, x.T, x.R, x.Vol);
            return Math.Abs(c - p - (Math.Exp(-x.R * x.T) * (x.S - x.K) / x.S)) <= 1e-11 * (1 + (x.K / x.S));
        });
}
