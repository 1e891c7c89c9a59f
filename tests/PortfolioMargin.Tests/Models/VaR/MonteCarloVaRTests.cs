using PortfolioMargin.Models;
using PortfolioMargin.Models.VaR;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Pricing;
using Xunit;

namespace PortfolioMargin.Tests.Models.VaR;

/// <summary>Monte Carlo full revaluation against the closed forms (delta-normal, delta-gamma, Student-t quantile) within standard-error tolerances.</summary>
public sealed class MonteCarloVaRTests
{
    private const int Paths = 40_000;

    /// <summary>Standard error of the empirical α-quantile of N draws from a density f at the quantile: √(α(1−α)/N)/f.</summary>
    private static double QuantileStandardError(double alpha, int n, double density) => Math.Sqrt(alpha * (1 - alpha) / n) / density;

    private static (ResolvedPortfolio Book, VaRFactors Factors) LinearBook()
    {
        (var market, var u) = VaRTestBooks.Market(4);
        // Spot, linear perpetuals and futures only (no inverse products: they carry gamma).
        var p = VaRTestBooks.LinearBook(u, [30, -20, 50, 10, -40, 20, 70, -10, 20, 30, -30, 10]);
        return (ResolvedPortfolio.Resolve(p, market), VaRTestBooks.Factors(4, 7));
    }

    [Fact]
    public void Linear_book_with_relative_shocks_converges_to_delta_normal_var_and_es_within_4_standard_errors()
    {
        (ResolvedPortfolio book, VaRFactors f) = LinearBook();
        var mc = new MonteCarloOptions { Paths = Paths, Seed = 11, Shock = PriceShock.Relative };
        foreach (VaRMeasure measure in new[] { VaRMeasure.ValueAtRisk, VaRMeasure.ExpectedShortfall })
        {
            var o = new VaROptions { Confidence = 0.99, HorizonDays = 2, Measure = measure };
            VaRDecomposition exact = new DeltaNormalVaR(f, o).Decompose(book);
            double sigma = exact.PortfolioSigma * Math.Sqrt(2);
            double z = o.Z;
            // VaR: SE of the quantile; ES (Yamai–Yoshiba): √(((1−α)·Var_tail + α(1−α)(ES−VaR)²)/N)/(1−α), normal tail variance 1 + zλ − λ².
            double lambda = o.EsFactor;
            double se = measure == VaRMeasure.ValueAtRisk
                ? QuantileStandardError(0.99, Paths, NormalDistribution.Pdf(z) / sigma)
                : sigma * Math.Sqrt(((0.01 * (1 + (z * lambda) - (lambda * lambda))) + (0.99 * 0.01 * (lambda - z) * (lambda - z))) / Paths) / 0.01;
            MarginResult r = new MonteCarloVaR(f, o, mc).Calculate(book);
            Assert.True(Math.Abs(r.InitialMargin - exact.Total) <= 4 * se, $"{measure}: MC {r.InitialMargin:R}, delta-normal {exact.Total:R}, 4 SE {4 * se:R}");
            Assert.Equal(r.InitialMargin, r.Contributions.Sum(c => c.Initial), 9);
        }
    }

    [Fact]
    public void Student_t_linear_book_converges_to_the_scaled_t_quantile()
    {
        (ResolvedPortfolio book, VaRFactors f) = LinearBook();
        var o = new VaROptions { Confidence = 0.99 };
        double sigma = new DeltaNormalVaR(f, o).Decompose(book).PortfolioSigma;
        // t(4) 99 % quantile 3.746947, scaled to unit variance by √(2/4); density of the scaled t at it: f_t(3.746947)/√(1/2).
        const double t99 = 3.746947;
        double c = Math.Sqrt(0.5);
        double ft = 0.375 * Math.Pow(1 + (t99 * t99 / 4), -2.5);
        double expected = t99 * c * sigma;
        double se = QuantileStandardError(0.99, Paths, ft / c / sigma);
        var mc = new MonteCarloOptions { Paths = Paths, Seed = 5, Shock = PriceShock.Relative, Distribution = ShockDistribution.StudentT, DegreesOfFreedom = 4 };
        double var = new MonteCarloVaR(f, o, mc).Calculate(book).InitialMargin;
        Assert.True(Math.Abs(var - expected) <= 4 * se, $"MC {var:R}, t quantile {expected:R}, 4 SE {4 * se:R}");
    }

    [Fact]
    public void Option_book_with_small_shocks_converges_to_the_delta_gamma_answer()
    {
        (var market, var u) = VaRTestBooks.Market(2);
        Portfolio p = VaRTestBooks.OptionBook(u, 10, 21);
        var book = ResolvedPortfolio.Resolve(p, market);
        // Small daily vols (0.4 %–0.6 %): the quadratic P&L is accurate; CF error is small for the mild skew of this book.
        VaRFactors f = VaRFactors.Create(["U0", "U1"], [0.004, 0.006], VaRTestBooks.RandomCorrelation(2, 3));
        var o = new VaROptions { Confidence = 0.99 };
        var dg = new DeltaGammaVaR(f, o);
        DeltaGammaMoments m = dg.Moments(book);
        double expected = dg.Calculate(book).InitialMargin;
        double mc = new MonteCarloVaR(f, o, new MonteCarloOptions { Paths = Paths, Seed = 3, Shock = PriceShock.Relative }).Calculate(book).InitialMargin;
        // SE with the normal density of the delta-gamma sd as a proxy for the density at the quantile.
        double se = QuantileStandardError(0.99, Paths, NormalDistribution.Pdf(2.326348) / m.StandardDeviation);
        Assert.True(Math.Abs(mc - expected) <= (4 * se) + (0.01 * expected), $"MC {mc:R}, delta-gamma {expected:R}, 4 SE {4 * se:R}, skew {m.Skewness:G4}");
    }

    [Fact]
    public void Vectorized_path_loop_agrees_with_its_scalar_twin()
    {
        (var market, var u) = VaRTestBooks.Market(5);
        Portfolio p = VaRTestBooks.OptionBook(u, 37, 4).Add([.. VaRTestBooks.LinearBook(u, [1, -2, 3, 4, -5, 6, 1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 2, 3, 4, 5])]);
        var book = ResolvedPortfolio.Resolve(p, market);
        var model = new MonteCarloVaR(VaRTestBooks.Factors(5, 9), new VaROptions(), new MonteCarloOptions { Paths = 1000, Distribution = ShockDistribution.StudentT });
        double[] v = new double[1000], s = new double[1000];
        model.SimulateLosses(book, v, vectorized: true);
        model.SimulateLosses(book, s, vectorized: false);
        double gross = p.Sum(x => Math.Abs(x.Quantity)) * 200;
        for (int i = 0; i < v.Length; i++)
        {
            Assert.True(Math.Abs(v[i] - s[i]) <= 1e-11 * gross, $"path {i}: vectorized {v[i]:R}, scalar {s[i]:R}");
        }
    }

    [Fact]
    public void Same_seed_gives_the_same_result_and_another_seed_a_different_one()
    {
        (var market, var u) = VaRTestBooks.Market(3);
        var book = ResolvedPortfolio.Resolve(VaRTestBooks.OptionBook(u, 9, 1), market);
        VaRFactors f = VaRTestBooks.Factors(3, 2);
        var mc = new MonteCarloOptions { Paths = 2000, Seed = 77 };
        MarginResult a = new MonteCarloVaR(f, null, mc).Calculate(book), b = new MonteCarloVaR(f, null, mc).Calculate(book);
        MarginResult c = new MonteCarloVaR(f, null, mc with { Seed = 78 }).Calculate(book);
        Assert.Equal(a.InitialMargin, b.InitialMargin);
        Assert.Equal(a.Contributions.Select(x => x.Initial), b.Contributions.Select(x => x.Initial));
        Assert.NotEqual(a.InitialMargin, c.InitialMargin);
    }

    [Fact]
    public void Antithetic_paths_mirror_the_shocks_of_a_linear_book()
    {
        (ResolvedPortfolio book, VaRFactors f) = LinearBook();
        var model = new MonteCarloVaR(f, null, new MonteCarloOptions { Paths = 200, Antithetic = true, Shock = PriceShock.Relative });
        var losses = new double[200];
        model.SimulateLosses(book, losses, vectorized: true);
        for (int j = 0; j < 100; j++)
        {
            Assert.Equal(-losses[2 * j], losses[(2 * j) + 1], 6);
            Assert.NotEqual(0.0, losses[2 * j]);
        }
    }

    [Fact]
    public void Bad_monte_carlo_options_are_refused_with_the_parameter_named()
    {
        VaRFactors f = VaRTestBooks.Factors(2, 1);
        Assert.Equal("Paths", Assert.Throws<ArgumentOutOfRangeException>(() => new MonteCarloVaR(f, null, new MonteCarloOptions { Paths = 10 })).ParamName);
        Assert.Equal("DegreesOfFreedom", Assert.Throws<ArgumentOutOfRangeException>(() => new MonteCarloVaR(f, null, new MonteCarloOptions { DegreesOfFreedom = 2 })).ParamName);
    }
}
