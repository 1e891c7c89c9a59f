using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace PortfolioMargin.MarketData;

/// <summary>
/// The one bound on volatilities that every input path applies (<see cref="VolSurface"/>, the market-snapshot and
/// VaR-parameter readers, <c>VaRFactors</c>): a volatility is a fraction (0.55 = 55 %), finite and &gt; 0, and by
/// default at most <see cref="DefaultMax"/> = 10 (1,000 %). A vol typed as a percentage (55 for 55 %) would otherwise
/// be read as 5,500 % and give an absurd margin, so it is refused unless the caller raises the bound explicitly
/// (a <c>maxVolatility</c> argument or <c>MarginFileOptions.MaxVolatility</c>).
/// </summary>
public static class VolatilityLimit
{
    /// <summary>The default largest accepted volatility: 10, i.e. 1,000 % (in the unit the vol is given in: annual for surfaces).</summary>
    public const double DefaultMax = 10.0;

    /// <summary>Checks a volatility against the bound.</summary>
    /// <param name="volatility">The vol, a fraction.</param>
    /// <param name="max">The bound (finite, &gt; 0).</param>
    /// <param name="what">Names the vol in the message, e.g. <c>Flat volatility</c>.</param>
    /// <param name="param">The parameter name of the exception.</param>
    /// <returns><paramref name="volatility"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The vol is not finite and in (0, <paramref name="max"/>]; the message says vols are fractions, e.g. 0.55.</exception>
    internal static double Check(double volatility, double max, string what, string? param = null)
    {
        if (!(volatility > 0 && volatility <= max) || !double.IsFinite(volatility))
        {
            Throw(volatility, max, what, param);
        }

        return volatility;
    }

    /// <summary>The message of a refused vol (shared by the callers that throw another exception type).</summary>
    internal static string Problem(double volatility, double max, string what) =>
        volatility > max && double.IsFinite(volatility)
            ? string.Create(CultureInfo.InvariantCulture,
                $"{what} is {volatility:R}, above the limit of {max:G} ({max * 100:G} %): a volatility is a fraction, e.g. 0.55 for 55 %; raise the bound (maxVolatility / MarginFileOptions.MaxVolatility) if {volatility:R} is meant.")
            : string.Create(CultureInfo.InvariantCulture,
                $"{what} must be a finite number > 0 and at most {max:G}, got {volatility:R} (a volatility is a fraction, e.g. 0.55 for 55 %).");

    /// <summary>Checks a bound given by a caller.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not finite and &gt; 0.</exception>
    internal static double CheckMax(double max, string param = "maxVolatility") =>
        max > 0 && double.IsFinite(max) ? max : throw new ArgumentOutOfRangeException(param, max, $"The volatility bound must be a finite number > 0, got {Guard.Format(max)}.");

    [DoesNotReturn]
    private static void Throw(double volatility, double max, string what, string? param) =>
        throw new ArgumentOutOfRangeException(param, volatility, Problem(volatility, max, what));
}
