using PortfolioMargin.MarketData;

namespace PortfolioMargin.Pricing;

/// <summary>
/// Greeks in the units traders quote: theta per day and vega per vol point, beside the library's own units (theta per
/// year of time passing, vega per 1.00 of volatility; see <see cref="OptionGreeks"/>; positions: <c>PositionValuation.ThetaPerDay</c> and <c>VegaPerVolPoint</c>).
/// Stateless and thread-safe.
/// </summary>
/// <remarks>
/// <para>Theta per day is <c>Θ_year / daysPerYear</c> with the day count's days per year (365 for ACT/365 fixed, 360
/// for ACT/360, 365.25 for ACT/365.25): the first-order change of value when one calendar day passes. The day count is
/// a parameter, not assumed, because the same year-fraction theta is a different daily figure under another
/// convention; pass the snapshot's (<see cref="MarketSnapshot.DayCount"/>) to match the time axis the greeks came from.</para>
/// <para>Vega per vol point is <c>ν / 100</c>: the first-order change of value when volatility rises by one point
/// (0.01, e.g. 55 % to 56 %).</para>
/// </remarks>
public static class GreekUnits
{
    /// <summary>One volatility point as a fraction: 0.01.</summary>
    public const double VolPoint = 0.01;

    /// <summary>Theta per calendar day: <c>thetaPerYear / dayCount.DaysPerYear()</c>.</summary>
    /// <param name="thetaPerYear">∂Value/∂t per year of time passing.</param>
    /// <param name="dayCount">The day count whose year <paramref name="thetaPerYear"/> is expressed in.</param>
    /// <returns>The change of value per day passing, in the same currency.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dayCount"/> is not a defined convention.</exception>
    public static double ThetaPerDay(double thetaPerYear, DayCount dayCount) => thetaPerYear / dayCount.DaysPerYear();

    /// <summary>Vega per vol point: <c>vegaPerUnitVol × 0.01</c>.</summary>
    /// <param name="vegaPerUnitVol">∂Value/∂σ per 1.00 (100 points) of volatility.</param>
    /// <returns>The change of value per vol point, in the same currency.</returns>
    public static double VegaPerVolPoint(double vegaPerUnitVol) => vegaPerUnitVol * VolPoint;

    /// <summary>The option's theta per calendar day (per unit of underlying): <c>greeks.Theta / dayCount.DaysPerYear()</c>.</summary>
    /// <param name="greeks">Greeks with theta per year.</param>
    /// <param name="dayCount">The day count of the time to expiry the greeks were computed with.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dayCount"/> is not a defined convention.</exception>
    public static double ThetaPerDay(this OptionGreeks greeks, DayCount dayCount) => ThetaPerDay(greeks.Theta, dayCount);

    /// <summary>The option's vega per vol point (per unit of underlying): <c>greeks.Vega × 0.01</c>.</summary>
    /// <param name="greeks">Greeks with vega per 1.00 of vol.</param>
    public static double VegaPerVolPoint(this OptionGreeks greeks) => VegaPerVolPoint(greeks.Vega);
}
