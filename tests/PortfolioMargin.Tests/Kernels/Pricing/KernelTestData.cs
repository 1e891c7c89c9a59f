namespace PortfolioMargin.Tests.Kernels.Pricing;

/// <summary>
/// Deterministic random inputs for kernel tests: deep ITM/OTM, T from 1 minute to 10 years, vol 1 %–500 %, plus limit
/// cases and the edges of the double range (forward/strike ratios beyond it, a subnormal forward, a huge vol).
/// </summary>
internal static class KernelTestData
{
    /// <summary>Normal-CDF arguments at and beyond the edges: infinities, the cutoff −37.5 and past it, huge magnitudes.</summary>
    public static readonly double[] CdfEdges =
    [
        double.NegativeInfinity, double.PositiveInfinity, -37.5, -37.500000000000007, -37.0, -38.0, -38.5, -40.0, -1e300, 1e300,
        37.5, 8.3, -8.3, double.Epsilon, -double.Epsilon, -0.0, double.MaxValue, double.MinValue,
    ];

    public static double[] CdfArguments(int n, int seed)
    {
        var rng = new Random(seed);
        var x = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = (i % 8) switch
            {
                7 => CdfEdges[(i / 8) % CdfEdges.Length],
                0 => (rng.NextDouble() - 0.5) * 1.4,            // central region
                1 => -37 + (rng.NextDouble() * 32),             // far left tail
                2 => rng.NextDouble() * 40,                     // right side, saturating
                3 => (rng.NextDouble() - 0.5) * 12,             // middle region
                4 => -(0.66291 + (rng.NextDouble() * 1e-6)),    // Cody's old region boundary, kept as a regression point
                5 => 0.0,
                _ => (rng.NextDouble() - 0.5) * 80,
            };
        }

        return x;
    }

    public static (double[] F, double[] K, double[] Vol, double[] T, double[] R, double[] W) Options(int n, int seed)
    {
        var rng = new Random(seed);
        double[] f = new double[n], k = new double[n], v = new double[n], t = new double[n], r = new double[n], w = new double[n];
        for (int i = 0; i < n; i++)
        {
            f[i] = 10 + (rng.NextDouble() * 100_000);
            k[i] = f[i] * Math.Exp((rng.NextDouble() - 0.5) * 6);            // moneyness e^±3: deep ITM to deep OTM
            v[i] = 0.01 + (rng.NextDouble() * 4.99);                          // 1 % .. 500 %
            t[i] = Math.Exp(Math.Log(1.0 / 525_600) + (rng.NextDouble() * Math.Log(10 * 525_600))); // 1 minute .. 10 years
            r[i] = (rng.NextDouble() - 0.2) * 0.1;
            w[i] = rng.Next(2) == 0 ? 1.0 : -1.0;
            switch (i % 11)
            {
                case 3: t[i] = 0; break;              // expiry: intrinsic
                case 5: t[i] = -0.1; break;           // past expiry (look-ahead scenario): intrinsic
                case 7: v[i] = 0; break;              // zero vol: discounted forward intrinsic
                case 9: k[i] = f[i]; v[i] = 0; break; // at the money, zero vol: delta 1/2
            }

            switch (i % 17)
            {
                case 2: f[i] = 1e200; k[i] = 1e-200; break;         // ratio beyond the double range: ln(F/K) = +inf
                case 4: f[i] = 1e-200; k[i] = 1e200; break;         // ratio 0: ln(F/K) = -inf
                case 6: f[i] = 5e-324; break;                       // subnormal forward
                case 8: v[i] = 1e150; t[i] = 1; break;              // huge total vol: N(d1) = 1, N(d2) = 0
                case 10: v[i] = 1.5; t[i] = 1e-24; break;           // total vol 1.5e-12, just above the limit
                case 12: f[i] = 1e300; k[i] = 0.9e300; break;       // both near the top of the range
                case 14: f[i] = 3e-310; k[i] = 1e-310; break;       // both subnormal
                case 16: f[i] = 1e-300; k[i] = 1e10; v[i] = 30; t[i] = 1; break; // ratio 1e-310 is subnormal; σ√T = 30 keeps Φ(d1) > 0
            }
        }

        return (f, k, v, t, r, w);
    }

    /// <summary>Relative closeness scaled by magnitude (as in the TensorPrimitives tests).</summary>
    public static bool Close(double expected, double actual, double relTol, double absFloor = 0) =>
        expected == actual || Math.Abs(expected - actual) <= (relTol * Math.Max(Math.Abs(expected), Math.Abs(actual))) + absFloor;
}
