using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Benchmarks;

/// <summary>Deterministic synthetic books and markets for benchmarks.</summary>
internal static class BenchmarkBooks
{
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
    public static readonly Underlying Btc = new("BTC", Currency.Btc, Currency.Usd);
    public static readonly Underlying Eth = new("ETH", Currency.Eth, Currency.Usd);
    public static readonly DateTimeOffset[] Expiries = Enumerable.Range(1, 8).Select(k => Now.AddDays(7 * k * k)).ToArray();

    public static MarketSnapshot Market()
    {
        var m = new MarketSnapshot(Now, Currency.Usd).WithSpot(Btc, 95_000).WithSpot(Eth, 3_400).WithRate(Currency.Usd, 0.0)
            .WithVolSurface(Btc, VolSurface.Flat(0.55)).WithVolSurface(Eth, VolSurface.Flat(0.70));
        foreach (DateTimeOffset e in Expiries)
        {
            m = m.WithForward(Btc, e, 95_000 * (1 + (0.0001 * (e - Now).TotalDays))).WithForward(Eth, e, 3_400 * (1 + (0.0001 * (e - Now).TotalDays)));
        }

        return m;
    }

    /// <summary><paramref name="options"/> BTC options (calls and puts, linear and inverse, strikes 50 %–150 %, all expiries), plus delta-one positions.</summary>
    public static Portfolio Book(int options, int deltaOne = 0, bool twoUnderlyings = false, int seed = 11)
    {
        var rng = new Random(seed);
        var positions = new List<Position>(options + deltaOne);
        for (int i = 0; i < options; i++)
        {
            Underlying u = twoUnderlyings && i % 2 == 1 ? Eth : Btc;
            double spot = u == Btc ? 95_000 : 3_400;
            double strike = Math.Round(spot * (0.5 + rng.NextDouble()), 0);
            var right = rng.Next(2) == 0 ? OptionRight.Call : OptionRight.Put;
            var settlement = rng.Next(2) == 0 ? OptionSettlement.Linear : OptionSettlement.Inverse;
            positions.Add(new Position(new EuropeanOption(u, right, strike, Expiries[rng.Next(Expiries.Length)], settlement), rng.Next(-20, 21) + 0.5));
        }

        for (int i = 0; i < deltaOne; i++)
        {
            Underlying u = twoUnderlyings && i % 2 == 1 ? Eth : Btc;
            Instrument ins = (i % 4) switch
            {
                0 => new Future(u, Expiries[rng.Next(Expiries.Length)]),
                1 => new Future(u, Expiries[rng.Next(Expiries.Length)], inverse: true, multiplier: 100),
                2 => new Perpetual(u, inverse: true, multiplier: 10),
                _ => new Perpetual(u),
            };
            positions.Add(new Position(ins, rng.Next(-50, 51) + 0.5));
        }

        return new Portfolio(positions);
    }
}
