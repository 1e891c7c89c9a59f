namespace PortfolioMargin.Solvency;

/// <summary>
/// Kupiec's (1995) proportion-of-failures test of unconditional coverage: with <c>n</c> observations, <c>x</c>
/// breaches and expected breach probability <c>p = 1 − coverage</c>,
/// <c>LR_POF = −2 ln[(1 − p)^{n−x} p^x] + 2 ln[(1 − x/n)^{n−x} (x/n)^x]</c> (<c>0·ln 0 = 0</c>), asymptotically χ²(1).
/// Two-sided: too few breaches reject as well as too many. Stateless.
/// </summary>
/// <remarks>Source: P. Kupiec, "Techniques for verifying the accuracy of risk measurement models", Journal of
/// Derivatives 3 (1995); the 95 % non-rejection regions are tabulated in P. Jorion, <i>Value at Risk</i>, 3rd ed.
/// (2007), ch. 6 (the tests reproduce that table).</remarks>
public static class KupiecTest
{
    /// <summary>The POF test.</summary>
    /// <param name="observations">Number of observations <c>n</c>, ≥ 1.</param>
    /// <param name="breaches">Number of breaches <c>x</c>, in [0, n].</param>
    /// <param name="expectedRate">Expected breach probability <c>p</c> in (0, 1), e.g. 0.01 for 99 % coverage.</param>
    /// <returns>The statistic and its χ²(1) p-value.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count or the rate is out of range.</exception>
    public static LikelihoodRatioTest ProportionOfFailures(int observations, int breaches, double expectedRate)
    {
        CoverageChecks.Counts(observations, breaches);
        CoverageChecks.Rate(expectedRate);
        double n = observations, x = breaches, p = expectedRate, phat = x / n;
        double null0 = LikelihoodRatioTest.XLogY(n - x, 1 - p) + LikelihoodRatioTest.XLogY(x, p);
        double alt = LikelihoodRatioTest.XLogY(n - x, 1 - phat) + LikelihoodRatioTest.XLogY(x, phat);
        return LikelihoodRatioTest.Of(-2 * (null0 - alt), 1);
    }
}

/// <summary>Argument checks shared by the coverage tests.</summary>
internal static class CoverageChecks
{
    public static void Counts(int observations, int breaches)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(observations, 1);
        if (breaches < 0 || breaches > observations)
        {
            throw new ArgumentOutOfRangeException(nameof(breaches), breaches, $"Breaches must be in [0, {observations}] (the number of observations).");
        }
    }

    public static void Rate(double expectedRate)
    {
        if (!(expectedRate > 0 && expectedRate < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(expectedRate), expectedRate, "The expected breach rate must be in (0, 1), e.g. 0.01 for 99 % coverage.");
        }
    }
}
