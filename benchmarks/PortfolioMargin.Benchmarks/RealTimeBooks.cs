using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Benchmarks;

/// <summary>Deterministic five-underlying books and accounts for the real-time benchmarks.</summary>
internal static class RealTimeBooks
{
    public static readonly Underlying[] Underlyings =
    [
        BenchmarkBooks.Btc, BenchmarkBooks.Eth, new("SOL", new Currency("SOL"), Currency.Usd), new("XRP", new Currency("XRP"), Currency.Usd),
        new("DOGE", new Currency("DOGE"), Currency.Usd),
    ];

    private static readonly double[] Spots = [95_000, 3_400, 180, 2.2, 0.35];

    public static string[] Symbols => [.. Underlyings.Select(u => u.Symbol)];

    public static MarketSnapshot Market()
    {
        var m = new MarketSnapshot(BenchmarkBooks.Now, Currency.Usd).WithRate(Currency.Usd, 0.0);
        for (int k = 0; k < Underlyings.Length; k++)
        {
            m = m.WithSpot(Underlyings[k], Spots[k]).WithVolSurface(Underlyings[k], VolSurface.Flat(0.55 + (0.05 * k)));
            foreach (DateTimeOffset e in BenchmarkBooks.Expiries)
            {
                m = m.WithForward(Underlyings[k], e, Spots[k] * (1 + (0.0001 * (e - BenchmarkBooks.Now).TotalDays)));
            }
        }

        return m;
    }

    /// <summary>A random position on underlying <paramref name="k"/>: options (linear/inverse, calls/puts) two times in three, else futures and perpetuals.</summary>
    public static Position RandomPosition(Random rng, int k)
    {
        Underlying u = Underlyings[k];
        DateTimeOffset expiry = BenchmarkBooks.Expiries[rng.Next(BenchmarkBooks.Expiries.Length)];
        Instrument ins = rng.Next(6) switch
        {
            0 => new Future(u, expiry),
            1 => new Perpetual(u, inverse: true, multiplier: 10),
            2 => new Perpetual(u),
            _ => new EuropeanOption(u, rng.Next(2) == 0 ? OptionRight.Call : OptionRight.Put, Math.Round(Spots[k] * (0.6 + (0.8 * rng.NextDouble())), 4), expiry,
                rng.Next(2) == 0 ? OptionSettlement.Linear : OptionSettlement.Inverse),
        };
        return new Position(ins, rng.Next(-20, 21) + 0.5);
    }

    /// <summary><paramref name="positions"/> positions spread round-robin over the five underlyings.</summary>
    public static Portfolio Book(int positions, int seed = 7)
    {
        var rng = new Random(seed);
        return new Portfolio(Enumerable.Range(0, positions).Select(i => RandomPosition(rng, i % Underlyings.Length)));
    }
}
