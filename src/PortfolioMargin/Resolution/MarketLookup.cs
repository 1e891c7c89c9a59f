using System.Globalization;
using PortfolioMargin.Instruments;

namespace PortfolioMargin.MarketData;

/// <summary>
/// Snapshot lookups for one instrument (used by the resolver, <see cref="Portfolios.ResolvedLeg.Resolve"/>) that name the instrument in the error without building its name on the happy
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
}
