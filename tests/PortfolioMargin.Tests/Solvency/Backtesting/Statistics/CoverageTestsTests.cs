using FsCheck.Xunit;
using MathNet.Numerics;
using PortfolioMargin.Solvency;
using Xunit;

namespace PortfolioMargin.Tests.Solvency.Backtesting.Statistics;

/// <summary>
/// Kupiec POF, Christoffersen independence and conditional coverage, against the published non-rejection table, closed
/// forms of the χ² tails, and a second way of computing each statistic.
/// </summary>
public sealed class CoverageTestsTests
{
    private const double Chi2Df1At95 = 3.841458820694124; // 95 % quantile of chi-square(1)

    /// <summary>
    /// P. Jorion, <i>Value at Risk</i>, 3rd ed. (2007), ch. 6, "Model backtesting, 95 % nonrejection test confidence
    /// regions" (Kupiec 1995): for p and T, the breach counts N that the POF test does not reject at 5 %.
    /// </summary>
    [Theory]
    [InlineData(0.01, 510, 2, 10)]
    [InlineData(0.01, 1000, 5, 16)]
    [InlineData(0.025, 252, 3, 11)]
    [InlineData(0.025, 510, 7, 20)]
    [InlineData(0.025, 1000, 16, 35)]
    [InlineData(0.05, 252, 7, 19)]
    [InlineData(0.05, 510, 17, 35)]
    [InlineData(0.05, 1000, 38, 64)]
    [InlineData(0.075, 252, 12, 27)]
    [InlineData(0.075, 510, 28, 50)]
    [InlineData(0.075, 1000, 60, 91)]
    [InlineData(0.10, 252, 17, 35)]
    [InlineData(0.10, 510, 39, 64)]
    [InlineData(0.10, 1000, 82, 119)]
    public void Kupiec_reproduces_Jorions_nonrejection_regions(double p, int t, int lowest, int highest)
    {
        for (int n = 0; n <= t; n++)
        {
            bool accepted = !KupiecTest.ProportionOfFailures(t, n, p).Rejects(0.05);
            Assert.True(accepted == (n >= lowest && n <= highest), $"p {p}, T {t}, N {n}: accepted {accepted}");
        }
    }

    [Fact]
    public void Kupiec_at_99_percent_over_252_days_accepts_up_to_6_breaches_as_Jorion_tabulates()
    {
        // Jorion prints "N < 7" for p = 1 %, T = 252 without a lower bound; the statistic at N = 0 is -2·252·ln 0.99 = 5.07 > 3.84.
        Assert.False(KupiecTest.ProportionOfFailures(252, 6, 0.01).Rejects());
        Assert.True(KupiecTest.ProportionOfFailures(252, 7, 0.01).Rejects());
        Assert.Equal(-2 * 252 * Math.Log(0.99), KupiecTest.ProportionOfFailures(252, 0, 0.01).Statistic, 1e-12);
    }

    [Theory]
    [InlineData(1000, 15, 0.01)]
    [InlineData(250, 0, 0.01)]
    [InlineData(250, 250, 0.01)]
    [InlineData(500, 40, 0.05)]
    public void Kupiec_statistic_and_p_value_match_the_closed_forms(int n, int x, double p)
    {
        LikelihoodRatioTest k = KupiecTest.ProportionOfFailures(n, x, p);
        double phat = x / (double)n;
        double expected = -2 * (((n - x) * Math.Log(1 - p)) + (x * Math.Log(p)));
        expected += 2 * ((x == n ? 0 : (n - x) * Math.Log(1 - phat)) + (x == 0 ? 0 : x * Math.Log(phat)));
        Assert.Equal(expected, k.Statistic, 1e-9 * Math.Max(1, expected));
        Assert.Equal(SpecialFunctions.Erfc(Math.Sqrt(expected / 2)), k.PValue, 1e-12); // P(chi2(1) >= x) = erfc(sqrt(x/2))
        Assert.Equal(1, k.DegreesOfFreedom);
    }

    [Fact]
    public void A_statistic_at_the_95_percent_quantile_has_p_value_five_percent()
    {
        // The exact breach rate gives LR = 0 and p = 1; the 95 % quantile of chi2(1) gives p = 0.05.
        Assert.Equal((0.0, 1.0), (KupiecTest.ProportionOfFailures(1000, 10, 0.01).Statistic, KupiecTest.ProportionOfFailures(1000, 10, 0.01).PValue));
        Assert.Equal(0.05, SpecialFunctions.GammaUpperRegularized(0.5, Chi2Df1At95 / 2), 1e-12);
    }

    [Fact]
    public void Christoffersen_on_a_hand_counted_sequence()
    {
        // 20 observations, 4 breaches (at 4, 9, 10, 17), two of them back to back: transitions n00 12, n01 3, n10 3, n11 1.
        bool[] hits = [.. "00001000011000000100".Select(c => c == '1')];
        ChristoffersenTest c = ChristoffersenTest.FromSequence(hits, 0.05);
        Assert.Equal((12, 3, 3, 1), (c.N00, c.N01, c.N10, c.N11));
        double pi0 = 3.0 / 15, pi1 = 1.0 / 4, pi = 4.0 / 19;
        double markov = (12 * Math.Log(1 - pi0)) + (3 * Math.Log(pi0)) + (3 * Math.Log(1 - pi1)) + Math.Log(pi1);
        double ind = -2 * ((15 * Math.Log(1 - pi)) + (4 * Math.Log(pi)) - markov);
        double cc = -2 * ((15 * Math.Log(0.95)) + (4 * Math.Log(0.05)) - markov);
        Assert.Equal(ind, c.Independence.Statistic, 1e-12);
        Assert.Equal(cc, c.ConditionalCoverage.Statistic, 1e-12);
        Assert.Equal(Math.Exp(-cc / 2), c.ConditionalCoverage.PValue, 1e-12); // P(chi2(2) >= x) = exp(-x/2)
        Assert.Equal(SpecialFunctions.Erfc(Math.Sqrt(ind / 2)), c.Independence.PValue, 1e-12);
        Assert.Equal(pi0, c.Pi0);
        Assert.Equal(pi1, c.Pi1);
    }

    [Fact]
    public void Clustered_breaches_fail_independence_while_spread_ones_pass()
    {
        bool[] clustered = new bool[500], spread = new bool[500];
        for (int t = 100; t < 105; t++)
        {
            clustered[t] = true;
        }

        for (int t = 50; t < 500; t += 100)
        {
            spread[t] = true;
        }

        Assert.Equal(5, clustered.Count(h => h));
        Assert.True(ChristoffersenTest.FromSequence(clustered, 0.01).Independence.PValue < 1e-4);
        Assert.True(ChristoffersenTest.FromSequence(spread, 0.01).Independence.PValue > 0.5);
        Assert.Null(ChristoffersenTest.FromSequence([false, false, true], 0.01).Pi1);
    }

    [Property(MaxTest = 100)]
    public bool Conditional_coverage_is_Kupiec_on_the_transitions_plus_independence(int seed, byte density)
    {
        (bool[] hits, double p) = Sequence(seed, density);
        ChristoffersenTest c = ChristoffersenTest.FromSequence(hits, p);
        int x = c.N01 + c.N11;
        double uc = KupiecTest.ProportionOfFailures(hits.Length - 1, x, p).Statistic;
        return Math.Abs(c.ConditionalCoverage.Statistic - (uc + c.Independence.Statistic)) <= 1e-8 * Math.Max(1, c.ConditionalCoverage.Statistic);
    }

    [Property(MaxTest = 100)]
    public bool Independence_equals_the_G_statistic_of_the_two_by_two_transition_table(int seed, byte density)
    {
        (bool[] hits, double p) = Sequence(seed, density);
        ChristoffersenTest c = ChristoffersenTest.FromSequence(hits, p);
        double[,] o = { { c.N00, c.N01 }, { c.N10, c.N11 } };
        double total = c.N00 + c.N01 + c.N10 + c.N11, g = 0;
        for (int i = 0; i < 2; i++)
        {
            for (int j = 0; j < 2; j++)
            {
                double expected = (o[i, 0] + o[i, 1]) * (o[0, j] + o[1, j]) / total;
                g += o[i, j] == 0 ? 0 : 2 * o[i, j] * Math.Log(o[i, j] / expected);
            }
        }

        return Math.Abs(g - c.Independence.Statistic) <= 1e-8 * Math.Max(1, g);
    }

    [Property(MaxTest = 100)]
    public bool Statistics_are_non_negative_and_p_values_in_zero_one(int seed, byte density)
    {
        (bool[] hits, double p) = Sequence(seed, density);
        ChristoffersenTest c = ChristoffersenTest.FromSequence(hits, p);
        LikelihoodRatioTest k = KupiecTest.ProportionOfFailures(hits.Length, hits.Count(h => h), p);
        return new[] { c.Independence, c.ConditionalCoverage, k }.All(t => t.Statistic >= 0 && t.PValue is >= 0 and <= 1 && double.IsFinite(t.Statistic));
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => KupiecTest.ProportionOfFailures(0, 0, 0.01));
        Assert.Throws<ArgumentOutOfRangeException>(() => KupiecTest.ProportionOfFailures(10, 11, 0.01));
        Assert.Throws<ArgumentOutOfRangeException>(() => KupiecTest.ProportionOfFailures(10, 1, 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChristoffersenTest.FromSequence([true], 0.01));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChristoffersenTest.FromTransitions(-1, 0, 0, 1, 0.01));
        Assert.Throws<ArgumentOutOfRangeException>(() => KupiecTest.ProportionOfFailures(10, 1, 0.01).Rejects(0));
    }

    private static (bool[] Hits, double P) Sequence(int seed, byte density)
    {
        var random = new Random(seed);
        double rate = 0.005 + (density / 255.0 * 0.3);
        bool[] hits = new bool[2 + random.Next(400)];
        for (int t = 0; t < hits.Length; t++)
        {
            // A Markov chain: breaches are likelier after a breach, so some sequences cluster.
            hits[t] = random.NextDouble() < (t > 0 && hits[t - 1] ? Math.Min(4 * rate, 0.9) : rate);
        }

        return (hits, 0.01 + (density % 5 * 0.01));
    }
}
