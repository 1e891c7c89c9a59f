using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PortfolioMargin.Models;
using PortfolioMargin.Models.VaR;
using PortfolioMargin.Portfolios;
using Xunit;

namespace PortfolioMargin.Tests.Models.VaR;

/// <summary>Delta-gamma Cornish–Fisher VaR against the published VAR-CF / VAR-DG figures, finite differences and the delta-normal limit.</summary>
public sealed class DeltaGammaVaRTests
{
    private static void Near(double expected, double actual, double tolerance, string what) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"{what}: expected {expected:R}, got {actual:R}");

    [Theory]
    [InlineData(-0.5, 3, -3.301284)]
    [InlineData(0.5, 3, -2.565969)]
    [InlineData(-1, 0, -2.685326)]
    public void VAR_CF_cornish_fisher_quantile_at_1_percent(double skew, double kurt, double expected) =>
        Near(expected, CornishFisher.Quantile(-2.326348, skew, kurt), 1e-6, "z_cf (published to 6 decimals)");

    [Fact]
    public void VAR_DG_moments_and_99_percent_var()
    {
        // S0 = 100, sigma_1d = 2 %, price delta -50, price gamma -20: dollar delta = delta·S0, dollar gamma = gamma·S0².
        DeltaGammaMoments m = DeltaGammaMoments.Compute([-50 * 100.0], [-20 * 100.0 * 100.0], new double[,] { { 0.02 * 0.02 } });
        Near(-40, m.Mean, 1e-9, "mean");
        Near(114.891253, m.StandardDeviation, 5e-7, "sd");
        Near(-1.920129, m.Skewness, 5e-7, "skew");
        Near(5.112948, m.ExcessKurtosis, 5e-7, "excess kurtosis");

        (var market, var u) = VaRTestBooks.Market(1);
        // A book with exactly that delta and gamma: an inverse perpetual of face 100,000 (F = fx = 100: e = 100,000, g = −200,000)
        // and a spot position of −1,050 units (e = −105,000), so e = −5,000 and g = −200,000.
        var perp = new PortfolioMargin.Instruments.Perpetual(u[0], inverse: true);
        var spot = new PortfolioMargin.Instruments.SpotInstrument(u[0]);
        var book = ResolvedPortfolio.Resolve(new Portfolio(new Position(spot, -1_050), new Position(perp, 100_000)), market);
        VaRFactors f = VaRFactors.Create(["U0"], [0.02], new double[,] { { 1 } });
        var model = new DeltaGammaVaR(f);
        DeltaGammaMoments bm = model.Moments(book);
        Near(-40, bm.Mean, 1e-6, "book mean");
        MarginResult r = model.Calculate(book);
        Near(447.4130, r.InitialMargin, 5e-5, "delta-gamma-CF VaR");
        Near(232.6348, new DeltaNormalVaR(f).Calculate(book).InitialMargin, 5e-5, "delta-normal VaR");
        Near(r.InitialMargin, r.Contributions.Sum(x => x.Initial), 1e-9 * r.InitialMargin, "Euler sum");
    }

    [Fact]
    public void Zero_gamma_book_gives_the_delta_normal_var()
    {
        (var market, var u) = VaRTestBooks.Market(3);
        var book = ResolvedPortfolio.Resolve(VaRTestBooks.LinearBook(u, [3, -2, 5, 1, -4, 2, 7, -1, 2]), market);
        VaRFactors f = VaRTestBooks.Factors(3, 2);
        var o = new VaROptions { HorizonDays = 5 };
        Near(new DeltaNormalVaR(f, o).Calculate(book).InitialMargin, new DeltaGammaVaR(f, o).Calculate(book).InitialMargin, 1e-9, "VaR");
    }

    [Property(MaxTest = 40)]
    public bool Euler_contributions_sum_to_var_and_equal_finite_differences_of_scaled_positions(int seed, byte size)
    {
        (var market, var u) = VaRTestBooks.Market(3);
        Portfolio p = VaRTestBooks.OptionBook(u, 2 + (size % 8), seed).Add([.. VaRTestBooks.LinearBook(u, [1, -2, 0.5])]);
        var model = new DeltaGammaVaR(VaRTestBooks.Factors(3, seed), new VaROptions { HorizonDays = 3 });
        MarginResult r = model.Calculate(ResolvedPortfolio.Resolve(p, market));
        if (r.InitialMargin <= 0)
        {
            return r.Contributions.All(c => c.Initial == 0);
        }

        const double h = 1e-5;
        for (int i = 0; i < p.Count; i++)
        {
            double up = model.Calculate(p.RemoveAt(i).Add(p[i].Scale(1 + h)), market).InitialMargin;
            double dn = model.Calculate(p.RemoveAt(i).Add(p[i].Scale(1 - h)), market).InitialMargin;
            if (Math.Abs(((up - dn) / (2 * h)) - r.Contributions[i].Initial) > 1e-5 * r.InitialMargin)
            {
                return false;
            }
        }

        return Math.Abs(r.Contributions.Sum(c => c.Initial) - r.InitialMargin) <= 1e-9 * r.InitialMargin;
    }

    [Property(MaxTest = 30)]
    public bool Positive_homogeneity_of_delta_gamma_var(int seed, PositiveInt lambdaTimes100)
    {
        double lambda = 0.01 + ((lambdaTimes100.Get % 1000) / 100.0);
        (var market, var u) = VaRTestBooks.Market(3);
        Portfolio p = VaRTestBooks.OptionBook(u, 6, seed);
        var model = new DeltaGammaVaR(VaRTestBooks.Factors(3, seed));
        double a = model.Calculate(p, market).InitialMargin, b = model.Calculate(new Portfolio(p.Select(x => x.Scale(lambda))), market).InitialMargin;
        return Math.Abs((lambda * a) - b) <= 1e-9 * (1 + b);
    }

    [Fact]
    public void Standalone_fast_path_equals_margining_each_position_alone()
    {
        (var market, var u) = VaRTestBooks.Market(2);
        Portfolio p = VaRTestBooks.OptionBook(u, 8, 3).Add([.. VaRTestBooks.LinearBook(u, [1, -1, 2, 3, 1, 1, -2, 4])]);
        var model = new DeltaGammaVaR(VaRTestBooks.Factors(2, 3), new VaROptions { Multiplier = 1.5 });
        var (_, fast) = model.CalculateWithStandalone(ResolvedPortfolio.Resolve(p, market));
        for (int i = 0; i < p.Count; i++)
        {
            Near(model.Calculate(new Portfolio(p[i]), market).InitialMargin, fast[i], 1e-9 * (1 + fast[i]), $"standalone {p[i]}");
        }
    }

    [Fact]
    public void Expected_shortfall_is_refused_with_a_clear_error()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new DeltaGammaVaR(VaRTestBooks.Factors(2, 1), new VaROptions { Measure = VaRMeasure.ExpectedShortfall }));
        Assert.Contains("VaR only", e.Message, StringComparison.Ordinal);
    }
}
