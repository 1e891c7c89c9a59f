using BenchmarkDotNet.Attributes;
using PortfolioMargin.Correlation;

namespace PortfolioMargin.Benchmarks.Domain.Correlation;

/// <summary>
/// Nearest-correlation repair of a noisy n × n matrix (3-factor correlation plus symmetric noise U(−0.2, 0.2), the
/// shape of a pairwise-estimated crypto matrix; indefinite). Baseline: plain Higham alternating projections on
/// MathNet's <c>Evd(Symmetricity.Symmetric)</c>; all methods stop at the same tolerance (1e-9) and reach the same matrix.
/// n = 1000 only with <c>PM_BENCH_LARGE=1</c>.
/// </summary>
[MemoryDiagnoser]
public class NearestCorrelationBenchmarks
{
    private const double Tolerance = 1e-9;
    private double[,] matrix = new double[0, 0];

    /// <summary>Matrix sizes: 50, 100, 500 (and 1000 when <c>PM_BENCH_LARGE=1</c>; only 50 in CI's dry run).</summary>
    public static IEnumerable<int> Sizes =>
        BenchmarkSizes.Ci ? [50] : Environment.GetEnvironmentVariable("PM_BENCH_LARGE") == "1" ? [50, 100, 500, 1000] : [50, 100, 500];

    /// <summary>The dimension n.</summary>
    [ParamsSource(nameof(Sizes))]
    public int N { get; set; }

    /// <summary>Builds the noisy test matrix (seeded).</summary>
    [GlobalSetup]
    public void Setup() => matrix = NoisyFactorCorrelation(N, 42);

    /// <summary>Plain alternating projections with Dykstra's correction on MathNet's symmetric EVD (reference twin).</summary>
    /// <returns>The repaired matrix.</returns>
    [Benchmark(Baseline = true)]
    public double[,] MathNetPlainProjections() => ReferenceAlternatingProjections.Solve(matrix, Tolerance, 5000).X;

    /// <summary>Plain alternating projections on the library's SIMD eigensolver (no acceleration).</summary>
    /// <returns>The repair result.</returns>
    [Benchmark]
    public RepairResult FastEigenPlainProjections() =>
        NearestCorrelation.Repair(matrix, new NearestCorrelationOptions { Tolerance = Tolerance, MaxIterations = 5000, Method = RepairMethod.AlternatingProjections });

    /// <summary>The default repair: Anderson-accelerated projections on the SIMD eigensolver.</summary>
    /// <returns>The repair result.</returns>
    [Benchmark]
    public RepairResult FastEigenAndersonProjections() =>
        NearestCorrelation.Repair(matrix, new NearestCorrelationOptions { Tolerance = Tolerance, MaxIterations = 5000 });

    /// <summary>A 3-factor correlation matrix plus symmetric uniform noise in ±0.2, clamped to [−1, 1], unit diagonal.</summary>
    /// <param name="n">Dimension.</param>
    /// <param name="seed">Random seed.</param>
    /// <returns>The (usually indefinite) matrix.</returns>
    public static double[,] NoisyFactorCorrelation(int n, int seed)
    {
        var rnd = new Random(seed);
        const int factors = 3;
        var b = new double[n, factors];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < factors; k++)
            {
                b[i, k] = (rnd.NextDouble() * 2) - 1;
            }
        }

        var sd = new double[n];
        for (int i = 0; i < n; i++)
        {
            double v = 0.3;
            for (int k = 0; k < factors; k++)
            {
                v += b[i, k] * b[i, k];
            }

            sd[i] = Math.Sqrt(v);
        }

        var a = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            a[i, i] = 1;
            for (int j = 0; j < i; j++)
            {
                double v = 0;
                for (int k = 0; k < factors; k++)
                {
                    v += b[i, k] * b[j, k];
                }

                v = Math.Clamp((v / (sd[i] * sd[j])) + ((rnd.NextDouble() * 0.4) - 0.2), -1, 1);
                a[i, j] = v;
                a[j, i] = v;
            }
        }

        return a;
    }
}
