using System.Reflection;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Serialization;

namespace PortfolioMargin.Tests.Solvency;

/// <summary>The real BTC/ETH daily history 2016–2020 embedded in the test assembly (TestData/crypto-daily, copied from the shared data folder).</summary>
internal static class CryptoDaily
{
    public static readonly Underlying Btc = new("BTC", Currency.Btc, Currency.Usd);
    public static readonly Underlying Eth = new("ETH", Currency.Eth, Currency.Usd);

    /// <summary>The options the back-tests use: duplicates resolved by the row that continues into the next day, gaps reported.</summary>
    public static readonly PriceHistoryCsvOptions Options = PriceHistoryCsvOptions.Default with { Duplicates = DuplicateDateRule.KeepMatchingNextOpen };

    private static readonly Lazy<PriceHistory> Joined = new(() => PriceHistory.Join(Series("BTC", Options), Series("ETH", Options)));

    /// <summary>The joined history (KeepMatchingNextOpen, gaps reported).</summary>
    public static PriceHistory History => Joined.Value;

    /// <summary>The raw text of <c>{symbol}-USD.csv</c>.</summary>
    public static string Text(string symbol)
    {
        using Stream s = Assembly.GetExecutingAssembly().GetManifestResourceStream($"crypto-daily/{symbol}-USD.csv")
            ?? throw new InvalidOperationException($"Embedded resource crypto-daily/{symbol}-USD.csv is missing.");
        using var reader = new StreamReader(s);
        return reader.ReadToEnd();
    }

    /// <summary>One series read with <paramref name="options"/>.</summary>
    public static PriceSeries Series(string symbol, PriceHistoryCsvOptions? options = null) =>
        PriceHistoryCsv.ReadSeries(symbol, new StringReader(Text(symbol)), options, $"{symbol}-USD.csv");
}
