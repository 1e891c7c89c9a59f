using System.Reflection;
using PortfolioMargin.MarketData;
using PortfolioMargin.Serialization;

namespace Solvency;

/// <summary>The BTC-USD and ETH-USD daily closes 2016-2020 embedded in the sample (Data/*.csv).</summary>
internal static class BundledHistory
{
    /// <summary>
    /// Both files read with the opt-in duplicate rule KeepMatchingNextOpen (each of the five duplicated last-Sundays-of-March
    /// keeps the row that continues into the next day) and gaps reported, then joined by date.
    /// </summary>
    public static PriceHistory Load(PriceHistoryCsvOptions options) => PriceHistory.Join(Series("BTC", options), Series("ETH", options));

    private static PriceSeries Series(string symbol, PriceHistoryCsvOptions options)
    {
        string name = $"{symbol}-USD.csv";
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name) ?? throw new InvalidOperationException($"{name} is not embedded.");
        using var reader = new StreamReader(stream);
        return PriceHistoryCsv.ReadSeries(symbol, reader, options, name);
    }
}
