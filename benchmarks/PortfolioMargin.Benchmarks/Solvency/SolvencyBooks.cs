using PortfolioMargin.Benchmarks.RealTime;
using PortfolioMargin.MarketData;

namespace PortfolioMargin.Benchmarks.Solvency;

/// <summary>Sizes and synthetic histories for the solvency benchmarks (small when the <c>CI</c> variable is set, for the dry run).</summary>
internal static class SolvencyBooks
{
    public static bool Ci => Environment.GetEnvironmentVariable("CI") is { Length: > 0 };

    /// <summary>A history of the five real-time underlyings: <paramref name="days"/> daily closes with normal relative returns (3 % a day), seeded.</summary>
    public static PriceHistory History(int days)
    {
        var rng = new Random(5);
        var start = new DateOnly(2021, 1, 1);
        return PriceHistory.Join(RealTimeBooks.Underlyings.Select(u =>
        {
            double s = 100;
            return new PriceSeries(u.Symbol, Enumerable.Range(0, days).Select(d =>
            {
                double z = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
                s *= d == 0 ? 1 : 1 + (0.03 * z);
                return new DailyBar(start.AddDays(d), s);
            }));
        }));
    }
}
