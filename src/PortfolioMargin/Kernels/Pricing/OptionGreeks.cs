namespace PortfolioMargin.Pricing;

/// <summary>
/// Price and first-order sensitivities of one option, per unit of underlying.
/// </summary>
/// <param name="Price">Premium in the pricing currency.</param>
/// <param name="Delta">∂Price/∂S (for Black-76, ∂Price/∂F).</param>
/// <param name="Gamma">∂²Price/∂S².</param>
/// <param name="Vega">∂Price/∂σ per 1.00 (100 vol points) of volatility.</param>
/// <param name="Theta">∂Price/∂t per year of calendar time passing (usually negative for a long option), i.e. <c>−∂Price/∂T</c>.</param>
public readonly record struct OptionGreeks(double Price, double Delta, double Gamma, double Vega, double Theta);
