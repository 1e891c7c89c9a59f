using PortfolioMargin.MarketData;

namespace PortfolioMargin.Tests.Solvency.Backtesting;

/// <summary>Price histories built in code for back-test tests.</summary>
internal static class SyntheticHistory
{
    public static readonly DateOnly Start = new(2024, 1, 1);

    /// <summary>One series per symbol with closes on consecutive days from <see cref="Start"/>, leaving out the day indices in <paramref name="missing"/>.</summary>
    public static PriceHistory Build(IReadOnlyDictionary<string, double[]> closes, params int[] missing) =>
        PriceHistory.Join(closes.Select(kv => new PriceSeries(kv.Key,
            kv.Value.Select((c, i) => (c, i)).Where(x => !missing.Contains(x.i)).Select(x => new DailyBar(Start.AddDays(x.i), x.c)))));

    /// <summary>A BTC path with normal relative returns of daily vol <paramref name="sigma"/> from 100 (seeded Box–Muller).</summary>
    public static double[] NormalPath(int days, double sigma, int seed)
    {
        var random = new Random(seed);
        var s = new double[days];
        s[0] = 100;
        for (int t = 1; t < days; t++)
        {
            double z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            s[t] = s[t - 1] * (1 + (sigma * z));
        }

        return s;
    }
}
