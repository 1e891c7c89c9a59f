namespace PortfolioMargin.Models.VaR;

/// <summary>
/// xoshiro256** seeded per path through SplitMix64 of <c>(seed, pathKey)</c>, so any path can be regenerated alone and
/// results do not depend on the order (or thread) in which paths are simulated. Normals by Box–Muller; gamma variates
/// by Marsaglia–Tsang.
/// </summary>
internal struct PathRandom
{
    private ulong s0, s1, s2, s3;

    public PathRandom(ulong seed, ulong pathKey)
    {
        ulong x = seed ^ (pathKey * 0x9E3779B97F4A7C15UL) ^ 0xD1B54A32D192ED03UL;
        s0 = SplitMix(ref x);
        s1 = SplitMix(ref x);
        s2 = SplitMix(ref x);
        s3 = SplitMix(ref x);
    }

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong Next()
    {
        ulong result = ulong.RotateLeft(s1 * 5, 7) * 9;
        ulong t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = ulong.RotateLeft(s3, 45);
        return result;
    }

    /// <summary>Uniform in (0, 1].</summary>
    public double Uniform() => ((Next() >> 11) + 1) * (1.0 / (1UL << 53));

    /// <summary>Fills <paramref name="z"/> with independent standard normals (Box–Muller, pairs).</summary>
    public void Normals(Span<double> z)
    {
        for (int i = 0; i < z.Length; i += 2)
        {
            double r = Math.Sqrt(-2 * Math.Log(Uniform()));
            (double sin, double cos) = Math.SinCos(2 * Math.PI * Uniform());
            z[i] = r * cos;
            if (i + 1 < z.Length)
            {
                z[i + 1] = r * sin;
            }
        }
    }

    /// <summary>A chi-square variate with <paramref name="dof"/> degrees of freedom (&gt; 2): <c>2·Gamma(dof/2)</c> by Marsaglia–Tsang.</summary>
    public double ChiSquare(double dof)
    {
        double a = dof / 2, d = a - (1.0 / 3), c = 1 / Math.Sqrt(9 * d);
        Span<double> z = stackalloc double[2];
        while (true)
        {
            Normals(z);
            double v = 1 + (c * z[0]);
            if (v <= 0)
            {
                continue;
            }

            v = v * v * v;
            double u = Uniform();
            if (Math.Log(u) < (0.5 * z[0] * z[0]) + d - (d * v) + (d * Math.Log(v)))
            {
                return 2 * d * v;
            }
        }
    }
}
