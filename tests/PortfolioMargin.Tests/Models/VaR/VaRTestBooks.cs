using PortfolioMargin.Correlation;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models.VaR;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Tests.Models.VaR;

/// <summary>Markets, books and factor sets for the VaR tests.</summary>
internal static class VaRTestBooks
{
    public static readonly DateTimeOffset Now = new(2026, 1, 2, 8, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Mar = new(2026, 3, 27, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Jorion ch. 7: a USD investor holding CAD 2M and EUR 1M (spot 1, so the exposure is the quantity).</summary>
    public static (ResolvedPortfolio Book, VaRFactors Factors) Jorion()
    {
        var cad = new Underlying("CAD", new Currency("CAD"), Currency.Usd);
        var eur = new Underlying("EUR", new Currency("EUR"), Currency.Usd);
        MarketSnapshot m = new MarketSnapshot(Now, Currency.Usd).WithSpot(cad, 1.0).WithSpot(eur, 1.0);
        var book = new Portfolio(new Position(new SpotInstrument(cad), 2_000_000), new Position(new SpotInstrument(eur), 1_000_000));
        VaRFactors f = VaRFactors.Create(CorrelationMatrix.Identity(["CAD", "EUR"]), [0.05, 0.12]);
        return (ResolvedPortfolio.Resolve(book, m), f);
    }

    /// <summary>K synthetic underlyings U0…U(K−1) with spots 100·(1 + k/10), a forward for <see cref="Mar"/> and flat vols.</summary>
    public static (MarketSnapshot Market, Underlying[] Underlyings) Market(int k)
    {
        var m = new MarketSnapshot(Now, Currency.Usd).WithRate(Currency.Usd, 0.01);
        var u = new Underlying[k];
        for (int i = 0; i < k; i++)
        {
            u[i] = new Underlying("U" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), new Currency("C" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)), Currency.Usd);
            double s = 100 * (1 + (i / 10.0));
            m = m.WithSpot(u[i], s).WithForward(u[i], Mar, s * 1.01).WithVolSurface(u[i], VolSurface.Flat(0.5 + (0.05 * i)));
        }

        return (m, u);
    }

    /// <summary>A random correlation matrix (one-factor structure plus idiosyncratic part; always PSD).</summary>
    public static double[,] RandomCorrelation(int k, int seed)
    {
        var rnd = new Random(seed);
        var b = new double[k];
        for (int i = 0; i < k; i++)
        {
            b[i] = (rnd.NextDouble() * 1.6) - 0.8;
        }

        var c = new double[k, k];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                c[i, j] = i == j ? 1.0 : b[i] * b[j];
            }
        }

        return c;
    }

    /// <summary>Factors U0…U(K−1) with daily vols 2 %–4 % and a random correlation.</summary>
    public static VaRFactors Factors(int k, int seed) =>
        VaRFactors.Create(Enumerable.Range(0, k).Select(i => "U" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            [.. Enumerable.Range(0, k).Select(i => 0.02 + (0.02 * i / Math.Max(1, k - 1)))], RandomCorrelation(k, seed));

    /// <summary>A linear book (spot, linear perpetuals and futures, inverse futures) from signed quantities, cycling over instrument kinds.</summary>
    public static Portfolio LinearBook(Underlying[] u, IReadOnlyList<double> quantities)
    {
        var positions = new List<Position>();
        for (int i = 0; i < quantities.Count; i++)
        {
            Underlying x = u[i % u.Length];
            Instrument inst = (i / u.Length % 4) switch
            {
                0 => new SpotInstrument(x),
                1 => new Perpetual(x),
                2 => new Future(x, Mar),
                _ => new Future(x, Mar, inverse: true, multiplier: 100),
            };
            positions.Add(new Position(inst, quantities[i]));
        }

        return new Portfolio(positions);
    }

    /// <summary>An option book: calls and puts, linear and inverse, around the forward.</summary>
    public static Portfolio OptionBook(Underlying[] u, int count, int seed)
    {
        var rnd = new Random(seed);
        var positions = new List<Position>();
        for (int i = 0; i < count; i++)
        {
            Underlying x = u[i % u.Length];
            double s = 100 * (1 + (Array.IndexOf(u, x) / 10.0));
            double strike = Math.Round(s * (0.8 + (0.4 * rnd.NextDouble())), 2);
            var right = rnd.Next(2) == 0 ? OptionRight.Call : OptionRight.Put;
            var settle = rnd.Next(3) == 0 ? OptionSettlement.Inverse : OptionSettlement.Linear;
            positions.Add(new Position(new EuropeanOption(x, right, strike, Mar, settle), Math.Round((rnd.NextDouble() * 20) - 10, 1)));
        }

        return new Portfolio(positions);
    }
}
