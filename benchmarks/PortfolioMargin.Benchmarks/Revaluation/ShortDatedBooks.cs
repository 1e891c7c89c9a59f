using PortfolioMargin.Benchmarks.RealTime;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Benchmarks.Revaluation;

/// <summary>Which expiries a benchmark book's options carry.</summary>
public enum ExpiryMix
{
    /// <summary>The standard books: eight expiries from 7 days to 448 days.</summary>
    Standard,

    /// <summary>Half of the options expire the same day (in 30 minutes, 4 hours, 12 hours) or the next day, struck within ±10 % of spot; the rest as <see cref="Standard"/>.</summary>
    ShortDated,
}

/// <summary>
/// Books with same-day and next-day options (issue 19 §3), built beside the standard benchmark books so both mixes run
/// in one benchmark class. Crypto venues list daily options; grid scenarios move the forward ±15 %, which pushes
/// these options deep into the normal CDF's tails.
/// </summary>
internal static class ShortDatedBooks
{
    /// <summary>Same-day (30 minutes, 4 hours, 12 hours after <see cref="BenchmarkBooks.Now"/>) and next-day expiries.</summary>
    public static readonly DateTimeOffset[] Expiries =
        [BenchmarkBooks.Now.AddMinutes(30), BenchmarkBooks.Now.AddHours(4), BenchmarkBooks.Now.AddHours(12), BenchmarkBooks.Now.AddDays(1)];

    /// <summary>The standard BTC/ETH market plus forwards for the short expiries.</summary>
    public static MarketSnapshot Market() =>
        WithShortForwards(BenchmarkBooks.Market(), [(BenchmarkBooks.Btc, 95_000), (BenchmarkBooks.Eth, 3_400)]);

    /// <summary>The five-underlying real-time market plus forwards for the short expiries.</summary>
    public static MarketSnapshot RealTimeMarket()
    {
        MarketSnapshot m = RealTimeBooks.Market();
        return WithShortForwards(m, [.. RealTimeBooks.Underlyings.Select(u => (u, m.Spot(u)))]);
    }

    private static MarketSnapshot WithShortForwards(MarketSnapshot m, (Underlying Underlying, double Spot)[] spots)
    {
        foreach ((Underlying u, double spot) in spots)
        {
            foreach (DateTimeOffset e in Expiries)
            {
                m = m.WithForward(u, e, spot * (1 + (0.0001 * (e - BenchmarkBooks.Now).TotalDays)));
            }
        }

        return m;
    }

    /// <summary>A BTC option book of <paramref name="options"/> options: <see cref="BenchmarkBooks.Book"/>, or with every other option short-dated.</summary>
    public static Portfolio Book(ExpiryMix mix, int options, int seed = 11)
    {
        Portfolio standard = BenchmarkBooks.Book(options, seed: seed);
        if (mix == ExpiryMix.Standard)
        {
            return standard;
        }

        var rng = new Random(seed + 1);
        return new Portfolio(standard.Positions.Select((p, i) => i % 2 == 0 ? ShortDated(p, 95_000, rng) : p));
    }

    /// <summary>The five-underlying real-time book of <paramref name="positions"/> positions, or with every other option short-dated.</summary>
    public static Portfolio RealTimeBook(ExpiryMix mix, int positions, int seed = 7)
    {
        Portfolio standard = RealTimeBooks.Book(positions, seed);
        if (mix == ExpiryMix.Standard)
        {
            return standard;
        }

        var rng = new Random(seed + 1);
        int option = 0;
        var market = RealTimeBooks.Market();
        return new Portfolio(standard.Positions.Select(p =>
            p.Instrument is EuropeanOption o && option++ % 2 == 0 ? ShortDated(p, market.Spot(o.Underlying), rng) : p));
    }

    /// <summary>The same option moved to a short expiry, struck within ±10 % of <paramref name="spot"/>.</summary>
    public static Position ShortDated(Position p, double spot, Random rng)
    {
        var o = (EuropeanOption)p.Instrument;
        double strike = Math.Round(spot * (0.9 + (0.2 * rng.NextDouble())), 4);
        return new Position(new EuropeanOption(o.Underlying, o.Right, strike, Expiries[rng.Next(Expiries.Length)], o.Settlement), p.Quantity);
    }
}
