using System.Collections.Immutable;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Pricing;

/// <summary>
/// Value and greeks of one position, in its settlement currency (quote currency for linear products, base coin for
/// inverse ones). Greeks are for the whole position (quantity × multiplier included).
/// </summary>
/// <param name="Position">The position.</param>
/// <param name="SettlementCurrency">Currency of <see cref="Value"/> and the greeks.</param>
/// <param name="UnitPrice">Per-unit mark: premium per unit of underlying for options (coin premium for inverse), reference price otherwise.</param>
/// <param name="Value">Position value: <c>q·m·S</c> for spot, option premium value for options, 0 for futures and perpetuals (marked to market).</param>
/// <param name="ValueInReport">Value converted to the report currency.</param>
/// <param name="Delta">Exposure in units of the underlying: <c>∂Value/∂F</c> for linear products, the coin delta <c>F·∂Value/∂F</c> for inverse ones.</param>
/// <param name="Gamma">∂Delta/∂F.</param>
/// <param name="Vega">∂Value/∂σ per 1.00 of vol.</param>
/// <param name="Theta">∂Value/∂t per year of time passing.</param>
public sealed record PositionValuation(Position Position, Currency SettlementCurrency, double UnitPrice, double Value, double ValueInReport,
    double Delta, double Gamma, double Vega, double Theta)
{
    /// <summary>The position's theta per calendar day in its settlement currency: <c>Theta / dayCount.DaysPerYear()</c> (see <see cref="GreekUnits"/>).</summary>
    /// <param name="dayCount">The day count of the snapshot it was valued on (<see cref="MarketData.MarketSnapshot.DayCount"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dayCount"/> is not a defined convention.</exception>
    public double ThetaPerDay(MarketData.DayCount dayCount) => GreekUnits.ThetaPerDay(Theta, dayCount);

    /// <summary>The position's vega per vol point in its settlement currency: <c>Vega × 0.01</c>.</summary>
    public double VegaPerVolPoint() => GreekUnits.VegaPerVolPoint(Vega);
}
