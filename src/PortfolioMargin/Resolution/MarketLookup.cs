using System.Globalization;
using PortfolioMargin.Instruments;

namespace PortfolioMargin.MarketData;

/// <summary>
/// Snapshot lookups for one instrument that name the instrument in the error without building its name on the happy
/// path (instrument names are generated on demand): look up without a name, and on a miss repeat the lookup with it.
/// </summary>
internal static class MarketLookup
{
    public static double Spot(MarketSnapshot m, Instrument ins) =>
        m.HasSpot(ins.Underlying) ? m.Spot(ins.Underlying) : m.Spot(ins.Underlying, ins.Name);

    public static double Forward(MarketSnapshot m, Instrument ins, DateTimeOffset expiry)
    {
        try
        {
            return m.Forward(ins.Underlying, expiry);
        }
        catch (MissingMarketDataException)
        {
            return m.Forward(ins.Underlying, expiry, ins.Name);
        }
    }

    public static double Rate(MarketSnapshot m, Currency currency, Instrument ins)
    {
        try
        {
            return m.Rate(currency);
        }
        catch (MissingMarketDataException)
        {
            return m.Rate(currency, ins.Name);
        }
    }

    public static double Fx(MarketSnapshot m, Currency currency, Instrument ins)
    {
        try
        {
            return m.FxToReport(currency);
        }
        catch (MissingMarketDataException)
        {
            return m.FxToReport(currency, ins.Name);
        }
    }

    public static void CheckNotExpired(MarketSnapshot m, Instrument ins, DateTimeOffset expiry, string paramName = "order")
    {
        if (expiry < m.ValuationTime)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Instrument '{ins.Name}' expired at {expiry:yyyy-MM-dd HH:mm}, before the valuation time {m.ValuationTime:yyyy-MM-dd HH:mm}."), paramName);
        }
    }

    /// <summary>
    /// An instrument's market terms — the one rule set used by <see cref="Portfolios.ResolvedPortfolio"/> and the what-if
    /// calculators: reference price (forward for dated products, spot otherwise), time to expiry, and for options strike,
    /// vol, quote-currency rate and call/put sign (zeros for non-options).
    /// </summary>
    public static (double Price, double Time, double Strike, double Vol, double Rate, double Omega) Terms(MarketSnapshot m, Instrument ins, string paramName = "order")
    {
        double time = 0, price, strike = 0, vol = 0, rate = 0, omega = 0;
        if (ins.Expiry is { } expiry)
        {
            CheckNotExpired(m, ins, expiry, paramName);
            time = m.YearFraction(expiry);
            price = Forward(m, ins, expiry);
        }
        else
        {
            price = Spot(m, ins);
        }

        if (ins is EuropeanOption option)
        {
            strike = option.Strike;
            vol = m.Volatility(option);
            rate = Rate(m, ins.Underlying.QuoteCurrency, ins);
            omega = option.Right == OptionRight.Call ? 1.0 : -1.0;
        }

        return (price, time, strike, vol, rate, omega);
    }
}
