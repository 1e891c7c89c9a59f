namespace PortfolioMargin.Benchmarks.Kernels.Pricing;

/// <summary>The shapes of option batch the pricing benchmarks run on.</summary>
public enum OptionMix
{
    /// <summary>The original benchmark mix: expiries 1 day–2 years, moneyness e^±1.5, vols 20–150 %.</summary>
    Friendly,

    /// <summary>Expiries one minute–five years (log-uniform), vols 5–200 %, strikes F/3–3F (log-uniform).</summary>
    Wide,

    /// <summary>Same-day expiries: one minute–one day (uniform), vols 5–200 %, strikes F/3–3F (log-uniform).</summary>
    SameDay,
}

/// <summary>Deterministic structure-of-arrays option batches for each <see cref="OptionMix"/>; calls and puts, rates 0–5 %.</summary>
internal static class OptionMixes
{
    private const double MinutesPerYear = 525_600;

    public static (double[] F, double[] K, double[] Vol, double[] T, double[] R, double[] W) Generate(OptionMix mix, int n, int seed = 20261125)
    {
        var rng = new Random(seed);
        double[] f = new double[n], k = new double[n], v = new double[n], t = new double[n], r = new double[n], w = new double[n];
        for (int i = 0; i < n; i++)
        {
            f[i] = 1_000 + (rng.NextDouble() * 100_000);
            switch (mix)
            {
                case OptionMix.Friendly:
                    k[i] = f[i] * Math.Exp((rng.NextDouble() - 0.5) * 3);
                    v[i] = 0.2 + (rng.NextDouble() * 1.3);
                    t[i] = (1 + (rng.NextDouble() * 729)) / 365.0;
                    break;
                case OptionMix.Wide:
                    k[i] = f[i] * Math.Exp((rng.NextDouble() - 0.5) * 2 * Math.Log(3));
                    v[i] = 0.05 + (rng.NextDouble() * 1.95);
                    t[i] = Math.Exp(Math.Log(1 / MinutesPerYear) + (rng.NextDouble() * Math.Log(5 * MinutesPerYear)));
                    break;
                default:
                    k[i] = f[i] * Math.Exp((rng.NextDouble() - 0.5) * 2 * Math.Log(3));
                    v[i] = 0.05 + (rng.NextDouble() * 1.95);
                    t[i] = (1 + (rng.NextDouble() * 1439)) / MinutesPerYear;
                    break;
            }

            r[i] = rng.NextDouble() * 0.05;
            w[i] = rng.Next(2) == 0 ? 1 : -1;
        }

        return (f, k, v, t, r, w);
    }
}
