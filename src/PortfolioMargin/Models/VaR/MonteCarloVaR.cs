using System.Buffers;
using System.Globalization;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Models.VaR;

/// <summary>Distribution of the simulated factor returns.</summary>
public enum ShockDistribution : byte
{
    /// <summary>Multivariate normal <c>x = D·L·z</c>, <c>z ~ N(0, I)</c>.</summary>
    Normal = 0,

    /// <summary>Multivariate Student-t scaled to the same covariance: <c>x = D·L·z·√((ν − 2)/W)</c>, <c>W ~ χ²_ν</c> (one W per path).</summary>
    StudentT = 1,
}

/// <summary>How a simulated or historical return <c>x</c> moves a price.</summary>
public enum PriceShock : byte
{
    /// <summary><c>F' = F·e^x</c> (prices stay positive).</summary>
    Log = 0,

    /// <summary><c>F' = F·(1 + x)</c>, with <c>1 + x</c> floored at <c>1e-6</c> so prices stay positive (matches the delta-normal and delta-gamma conventions).</summary>
    Relative = 1,
}

/// <summary>Monte Carlo parameters. Immutable.</summary>
public sealed record MonteCarloOptions
{
    /// <summary>Default: 100,000 normal paths, seed 1, log shocks, no antithetics.</summary>
    public static MonteCarloOptions Default { get; } = new();

    /// <summary>Number of paths, in [100, 100,000,000]; default 100,000.</summary>
    public int Paths { get; init; } = 100_000;

    /// <summary>Seed; the same seed and inputs give the same paths; default 1.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Shock distribution; default normal.</summary>
    public ShockDistribution Distribution { get; init; } = ShockDistribution.Normal;

    /// <summary>Degrees of freedom ν of the Student-t, in (2, 1000]; default 4.</summary>
    public double DegreesOfFreedom { get; init; } = 4;

    /// <summary>Antithetic variates: paths 2j and 2j+1 use <c>z</c> and <c>−z</c> (and the same χ²); default false.</summary>
    public bool Antithetic { get; init; }

    /// <summary>Price shock convention; default <see cref="PriceShock.Log"/>.</summary>
    public PriceShock Shock { get; init; } = PriceShock.Log;

    internal void Validate()
    {
        if (Paths is < 100 or > 100_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(Paths), Paths, "Monte Carlo paths must be in [100, 100000000].");
        }

        if (!(DegreesOfFreedom > 2 && DegreesOfFreedom <= 1000))
        {
            throw new ArgumentOutOfRangeException(nameof(DegreesOfFreedom), DegreesOfFreedom, "Student-t degrees of freedom must be in (2, 1000] (finite variance).");
        }

        if (!Enum.IsDefined(Distribution) || !Enum.IsDefined(Shock))
        {
            throw new ArgumentOutOfRangeException(nameof(Distribution), Distribution, "Unknown shock distribution or price shock.");
        }
    }
}

/// <summary>
/// Monte Carlo full-revaluation VaR / ES (spec §6.3). Each path draws correlated factor returns
/// <c>x_j = σ_j·√h·(L z)_j</c> (<c>L</c> the Cholesky factor of the correlation of the factors the book holds, from the
/// correlation toolkit; normal or Student-t), moves every price of factor j by <see cref="PriceShock"/> and reprices the
/// whole book (options by Black-76 at unchanged vols, rates and times; settlement P&amp;L at today's conversion rate).
/// VaR and ES are the empirical measures of the path losses (<c>EmpiricalTail</c> conventions: type-7 quantile,
/// Acerbi–Tasche ES). Stateless and thread-safe.
/// </summary>
/// <remarks>
/// <para>Reproducibility: path p draws from xoshiro256** seeded by SplitMix64 of (seed, p) (of (seed, p/2) with
/// antithetics), so the shocks are a pure function of the seed and the path index; the same inputs give the same result
/// run after run. Across machines the result agrees to rounding (the vectorized pricer may differ from the scalar one
/// in the last bits).</para>
/// <para>Contributions: the measure is a weighted sum of path losses (one or two paths for VaR, the tail paths for ES);
/// the same weights applied to each position's loss on those paths (regenerated from their seeds) give per-position
/// contributions, and the reported measure is their sum, so they add up exactly.</para>
/// </remarks>
public sealed class MonteCarloVaR : IMarginModel
{
    /// <summary>Creates the model.</summary>
    /// <param name="factors">Risk factors.</param>
    /// <param name="options">VaR options; default when null.</param>
    /// <param name="monteCarlo">Monte Carlo options; default when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (named).</exception>
    public MonteCarloVaR(VaRFactors factors, VaROptions? options = null, MonteCarloOptions? monteCarlo = null)
    {
        ArgumentNullException.ThrowIfNull(factors);
        options ??= VaROptions.Default;
        monteCarlo ??= MonteCarloOptions.Default;
        options.Validate();
        monteCarlo.Validate();
        Factors = factors;
        Options = options;
        Simulation = monteCarlo;
        Name = string.Create(CultureInfo.InvariantCulture, $"MonteCarloVaR({options.Describe()}, {monteCarlo.Paths} paths, {monteCarlo.Distribution}{(monteCarlo.Distribution == ShockDistribution.StudentT ? $"({monteCarlo.DegreesOfFreedom:G4})" : "")}, seed {monteCarlo.Seed})");
    }

    /// <summary>The risk factors.</summary>
    public VaRFactors Factors { get; }

    /// <summary>The VaR options.</summary>
    public VaROptions Options { get; }

    /// <summary>The Monte Carlo options.</summary>
    public MonteCarloOptions Simulation { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The book needs a factor the set lacks (named).</exception>
    public MarginResult Calculate(ResolvedPortfolio portfolio)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        Paths sim = Prepare(portfolio);
        int n = Simulation.Paths, count = portfolio.Count;
        if (count == 0)
        {
            return VaRResult.Build(Name, portfolio, Factors, Options, 0.0, [], [], "empty portfolio");
        }

        double[] losses = ArrayPool<double>.Shared.Rent(n), sorted = ArrayPool<double>.Shared.Rent(n);
        int[] order = ArrayPool<int>.Shared.Rent(n);
        double[] contribution;
        try
        {
            sim.Losses(0, losses.AsSpan(0, n), vectorized: true);
            var z = new double[sim.Factors];
            sim.Book.CheckLosses(losses.AsSpan(0, n), (path, m) => sim.Multipliers(path, z, m, vectorized: false), path => $"Monte Carlo path {path} (seed {Simulation.Seed})");
            var weights = EmpiricalTail.Weights(losses.AsSpan(0, n), Options.Confidence, Options.Measure, order, sorted);
            contribution = EmpiricalTail.Contributions(sim.Book, count, weights, (path, m) => sim.Multipliers(path, z, m, vectorized: false));
        }
        finally
        {
            ArrayPool<double>.Shared.Return(losses);
            ArrayPool<double>.Shared.Return(sorted);
            ArrayPool<int>.Shared.Return(order);
        }

        double measure = 0;
        foreach (double c in contribution)
        {
            measure += c;
        }

        string note = string.Create(CultureInfo.InvariantCulture, $"{n} paths, {Simulation.Shock} shocks, seed {Simulation.Seed}{(Simulation.Antithetic ? ", antithetic" : "")}; empirical {Options.Describe()}");
        return VaRResult.Build(Name, portfolio, Factors, Options, measure, contribution, sim.PositionFactor, note);
    }

    /// <summary>The simulated loss of every path, vectorized or by the scalar twin (for tests and benchmarks).</summary>
    internal void SimulateLosses(ResolvedPortfolio portfolio, Span<double> losses, bool vectorized) => Prepare(portfolio).Losses(0, losses, vectorized);

    internal Paths Prepare(ResolvedPortfolio portfolio)
    {
        (int[] slot, int[] positionFactor, int[] used) = EmpiricalTail.Slots(portfolio, VaRExposures.MapUnderlyings(portfolio, Factors));
        double[] chol = used.Length == 0 ? [] : Factors.Correlation.Select(used.Select(k => Factors.Labels[k])).CholeskyFactor.ToArray();
        double sqrtH = Math.Sqrt(Options.HorizonDays);
        double[] scale = [.. used.Select(k => Factors.DailyVolatilities[k] * sqrtH)];
        return new Paths(new RevaluationBook(portfolio, slot, used.Length), chol, scale, positionFactor, Simulation);
    }

    /// <summary>The path generator and loss loop for one prepared book.</summary>
    internal sealed class Paths(RevaluationBook book, double[] cholesky, double[] scale, int[] positionFactor, MonteCarloOptions o)
    {
        public RevaluationBook Book => book;

        public int Factors => scale.Length;

        public int[] PositionFactor => positionFactor;

        /// <summary>Writes the price multipliers of path <paramref name="path"/> into <paramref name="m"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Multipliers(long path, Span<double> z, Span<double> m, bool vectorized)
        {
            int k = scale.Length;
            ulong key = o.Antithetic ? (ulong)(path >> 1) : (ulong)path;
            double sign = o.Antithetic && (path & 1) == 1 ? -1.0 : 1.0;
            var rng = new PathRandom(o.Seed, key);
            double t = o.Distribution == ShockDistribution.StudentT ? Math.Sqrt((o.DegreesOfFreedom - 2) / rng.ChiSquare(o.DegreesOfFreedom)) : 1.0;
            rng.Normals(z);
            ReadOnlySpan<double> l = cholesky;
            for (int j = 0; j < k; j++)
            {
                ReadOnlySpan<double> row = l.Slice(j * k, j + 1);
                double lz;
                if (vectorized)
                {
                    lz = TensorPrimitives.Dot(row, z[..(j + 1)]);
                }
                else
                {
                    lz = 0;
                    for (int c = 0; c <= j; c++)
                    {
                        lz += row[c] * z[c];
                    }
                }

                double x = sign * t * scale[j] * lz;
                m[j] = o.Shock == PriceShock.Log ? Math.Exp(x) : Math.Max(1 + x, 1e-6);
            }
        }

        /// <summary>Losses of paths <c>first, first + 1, …</c> into <paramref name="losses"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Losses(long first, Span<double> losses, bool vectorized)
        {
            int k = scale.Length;
            double[] zb = ArrayPool<double>.Shared.Rent(k + 1), mb = ArrayPool<double>.Shared.Rent(k + 1);
            using var ws = new RevaluationBook.Workspace(book.Options);
            try
            {
                Span<double> z = zb.AsSpan(0, k);
                Span<double> m = mb.AsSpan(0, k);
                for (int p = 0; p < losses.Length; p++)
                {
                    Multipliers(first + p, z, m, vectorized);
                    losses[p] = vectorized ? book.Loss(m, ws) : book.LossScalar(m, ws);
                }
            }
            finally
            {
                ArrayPool<double>.Shared.Return(zb);
                ArrayPool<double>.Shared.Return(mb);
            }
        }
    }
}
