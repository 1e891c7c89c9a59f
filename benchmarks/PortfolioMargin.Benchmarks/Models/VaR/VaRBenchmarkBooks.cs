using System.Globalization;
using PortfolioMargin.Correlation;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models.VaR;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Benchmarks.Models.VaR;

/// <summary>Seeded synthetic markets, books and factor sets for the VaR benchmarks.</summary>
public static class VaRBenchmarkBooks
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Expiry = new(2026, 3, 27, 8, 0, 0, TimeSpan.Zero);

    /// <summary>n underlyings F0…F(n−1) (spot and one forward each, flat vol 60 %) and factors with daily vols 2–5 % and a 3-factor correlation.</summary>
    /// <param name="n">Number of underlyings / factors.</param>
    /// <param name="seed">Seed.</param>
    /// <returns>The market, the underlyings and the factors.</returns>
    public static (MarketSnapshot Market, Underlying[] Underlyings, VaRFactors Factors) Market(int n, int seed)
    {
        var rnd = new Random(seed);
        var market = new MarketSnapshot(Now, Currency.Usd).WithRate(Currency.Usd, 0.02);
        var u = new Underlying[n];
        var labels = new string[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = "F" + i.ToString(CultureInfo.InvariantCulture);
            u[i] = new Underlying(labels[i], new Currency("C" + i.ToString(CultureInfo.InvariantCulture)), Currency.Usd);
            double s = 10 + (rnd.NextDouble() * 1000);
            market = market.WithSpot(u[i], s).WithForward(u[i], Expiry, s * 1.01).WithVolSurface(u[i], VolSurface.Flat(0.6));
        }

        // Three common factors plus an idiosyncratic part: C = B Bᵀ + diag(1 − |b_i|²), valid by construction.
        const int f = 3;
        var b = new double[n, f];
        for (int i = 0; i < n; i++)
        {
            double norm = 0;
            for (int k = 0; k < f; k++)
            {
                b[i, k] = (rnd.NextDouble() * 2) - 1;
                norm += b[i, k] * b[i, k];
            }

            double scale = 0.9 / Math.Sqrt(norm);
            for (int k = 0; k < f; k++)
            {
                b[i, k] *= scale;
            }
        }

        var c = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int k = 0; k < f; k++)
                {
                    s += b[i, k] * b[j, k];
                }

                c[i, j] = i == j ? 1.0 : s;
            }
        }

        double[] vols = [.. Enumerable.Range(0, n).Select(_ => 0.02 + (0.03 * rnd.NextDouble()))];
        return (market, u, VaRFactors.Create(new CorrelationMatrix(labels, c), vols));
    }

    /// <summary>One spot position per underlying, random signed quantities.</summary>
    /// <param name="u">Underlyings.</param>
    /// <param name="seed">Seed.</param>
    /// <returns>The book.</returns>
    public static Portfolio SpotBook(Underlying[] u, int seed)
    {
        var rnd = new Random(seed);
        return new Portfolio(u.Select(x => new Position(new SpotInstrument(x), Math.Round((rnd.NextDouble() * 200) - 100, 2))));
    }

    /// <summary><paramref name="count"/> positions over the underlyings: 80 % options (calls/puts, linear and inverse, strikes ±30 %), 20 % futures and perpetuals.</summary>
    /// <param name="u">Underlyings.</param>
    /// <param name="market">The market.</param>
    /// <param name="count">Number of positions.</param>
    /// <param name="seed">Seed.</param>
    /// <returns>The book.</returns>
    public static Portfolio OptionBook(Underlying[] u, MarketSnapshot market, int count, int seed)
    {
        var rnd = new Random(seed);
        var positions = new List<Position>(count);
        for (int i = 0; i < count; i++)
        {
            Underlying x = u[i % u.Length];
            double q = Math.Round((rnd.NextDouble() * 20) - 10, 1);
            if (i % 5 == 4)
            {
                positions.Add(new Position(rnd.Next(2) == 0 ? new Perpetual(x, inverse: rnd.Next(2) == 0) : new Future(x, Expiry), q));
                continue;
            }

            double strike = Math.Round(market.Spot(x) * (0.7 + (0.6 * rnd.NextDouble())), 2);
            var settle = rnd.Next(3) == 0 ? OptionSettlement.Inverse : OptionSettlement.Linear;
            positions.Add(new Position(new EuropeanOption(x, rnd.Next(2) == 0 ? OptionRight.Call : OptionRight.Put, strike, Expiry, settle), q));
        }

        return new Portfolio(positions);
    }
}
