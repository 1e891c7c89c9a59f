using System.Globalization;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;

namespace PortfolioMargin.Models.SpanFiles;

/// <summary>The market snapshot the file's own prices make for the mapped instruments.</summary>
public sealed partial class SpanInstrumentMap
{
    /// <summary>
    /// A market snapshot made of the file's own settlement prices, for resolving and valuing the mapped instruments (the
    /// SPAN requirement itself comes from the risk arrays and does not use it, beyond currency conversion).
    /// </summary>
    /// <remarks>
    /// <para>Per underlying: the spot is the price of its physical, if mapped; the forward for each future's expiry is that
    /// future's price; the forward for an option's expiry, when no future expires then, is the price of the underlying's
    /// future with the option series' period, else the spot. Option vols are the file's <c>v</c> (a smile per expiry, a
    /// call's vol where a call and a put share a strike); options without one take <paramref name="fallbackVolatility"/>
    /// when given. Discount rates are 0 (the file's interest rates are not used). Anything the file cannot supply stays
    /// missing, so resolving a position that needs it is the usual error naming the instrument and the field.</para>
    /// </remarks>
    /// <param name="valuationTime">Valuation time; null = the file's business date at 00:00 UTC.</param>
    /// <param name="reportCurrency">Report currency; null = the first combined commodity's currency.</param>
    /// <param name="fxToReport">Conversion rates to the report currency of the other currencies involved.</param>
    /// <param name="fallbackVolatility">Vol for options the file gives none (a fraction, e.g. 0.25); null = none.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="ArgumentException">No valuation time is given and the business date is not <c>YYYYMMDD</c>.</exception>
    public MarketSnapshot Market(DateTimeOffset? valuationTime = null, Currency? reportCurrency = null,
        IReadOnlyDictionary<Currency, double>? fxToReport = null, double? fallbackVolatility = null)
    {
        DateTimeOffset time = valuationTime ?? BusinessDate();
        Currency report = reportCurrency ?? (File.CombinedCommodities.IsEmpty ? Currency.Usd : SpanCurrencies.Of(File.CombinedCommodities[0]));
        var market = new MarketSnapshot(time, report);
        foreach ((Currency c, double rate) in fxToReport ?? new Dictionary<Currency, double>())
        {
            market = market.WithFxRate(c, rate);
        }

        foreach (IGrouping<Underlying, KeyValuePair<Instrument, int>> u in _contractOf.GroupBy(kv => kv.Key.Underlying))
        {
            market = WithUnderlying(market, u.Key, [.. u], fallbackVolatility);
            if (!market.Rates.ContainsKey(u.Key.QuoteCurrency))
            {
                market = market.WithRate(u.Key.QuoteCurrency, 0);
            }
        }

        return market;
    }

    private DateTimeOffset BusinessDate() =>
        DateTime.TryParseExact(File.BusinessDate, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime d)
            ? new DateTimeOffset(d, TimeSpan.Zero)
            : throw new ArgumentException($"SPAN file {File.ClearingOrganization}: business date '{File.BusinessDate}' is not YYYYMMDD; give the valuation time.", "valuationTime");

    private MarketSnapshot WithUnderlying(MarketSnapshot market, Underlying u, KeyValuePair<Instrument, int>[] mapped, double? fallbackVolatility)
    {
        double spot = double.NaN;
        var futureByPeriod = new Dictionary<string, double>(StringComparer.Ordinal);
        var forwards = new Dictionary<DateTimeOffset, double>();
        foreach ((Instrument ins, int c) in mapped)
        {
            double price = File.ContractPrice[c];
            if (!(price > 0) || !double.IsFinite(price))
            {
                continue;
            }

            if (ins.Kind == InstrumentKind.Spot)
            {
                spot = double.IsNaN(spot) ? price : spot;
            }
            else if (ins is Future f)
            {
                futureByPeriod.TryAdd(File.Periods[File.ContractPeriod[c]], price);
                forwards.TryAdd(f.ExpiryTime, price);
            }
        }

        var smiles = new SortedDictionary<DateTimeOffset, SortedDictionary<double, double>>();
        foreach ((Instrument ins, int c) in mapped)
        {
            if (ins is not EuropeanOption o)
            {
                continue;
            }

            if (!forwards.ContainsKey(o.ExpiryTime) && (futureByPeriod.TryGetValue(File.Periods[File.ContractPeriod[c]], out double f) || (f = spot) > 0))
            {
                forwards[o.ExpiryTime] = f;
            }

            double vol = File.ContractVol[c];
            vol = vol > 0 && double.IsFinite(vol) ? vol : fallbackVolatility ?? double.NaN;
            if (!double.IsNaN(vol))
            {
                if (!smiles.TryGetValue(o.ExpiryTime, out SortedDictionary<double, double>? smile))
                {
                    smiles[o.ExpiryTime] = smile = [];
                }

                if (o.Right == OptionRight.Call || !smile.ContainsKey(o.Strike))
                {
                    smile[o.Strike] = vol;
                }
            }
        }

        market = double.IsNaN(spot) ? market : market.WithSpot(u, spot);
        foreach ((DateTimeOffset expiry, double f) in forwards)
        {
            market = market.WithForward(u, expiry, f);
        }

        return smiles.Count == 0
            ? market
            : market.WithVolSurface(u, VolSurface.Smile(smiles.Select(s => (s.Key, (IReadOnlyList<double>)[.. s.Value.Keys], (IReadOnlyList<double>)[.. s.Value.Values]))));
    }
}
