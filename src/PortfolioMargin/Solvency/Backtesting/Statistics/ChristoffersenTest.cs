namespace PortfolioMargin.Solvency;

/// <summary>
/// Christoffersen's (1998) tests on the breach sequence <c>I_1 … I_n</c> (1 = breach): transition counts
/// <c>n_ij = #{t ≥ 2 : I_{t−1} = i, I_t = j}</c>, first-order Markov estimates <c>π_0 = n01/(n00 + n01)</c>,
/// <c>π_1 = n11/(n10 + n11)</c>, pooled <c>π = (n01 + n11)/(n − 1)</c>, and
/// <list type="bullet">
/// <item><c>LR_ind = −2 ln[(1 − π)^{n00+n10} π^{n01+n11}] + 2 ln[(1 − π_0)^{n00} π_0^{n01} (1 − π_1)^{n10} π_1^{n11}]</c>, χ²(1): breaches do not cluster;</item>
/// <item><c>LR_cc = −2 ln[(1 − p)^{n00+n10} p^{n01+n11}] + 2 ln[(1 − π_0)^{n00} π_0^{n01} (1 − π_1)^{n10} π_1^{n11}]</c>, χ²(2): right rate and no clustering.</item>
/// </list>
/// Terms <c>0·ln 0</c> are 0. Immutable.
/// </summary>
/// <remarks>
/// <para>Source: P. Christoffersen, "Evaluating interval forecasts", International Economic Review 39 (1998) 841–862;
/// reviewed in S. Campbell, "A review of backtesting and backtesting procedures", FEDS 2005-21.
/// <c>LR_cc</c> is Christoffersen's definition on the <c>n − 1</c> transitions; it equals the Kupiec statistic on those
/// <c>n − 1</c> observations plus <c>LR_ind</c> (the tests check the identity). <c>LR_ind</c> is also the G-statistic of
/// independence of the 2 × 2 table of <c>(I_{t−1}, I_t)</c>.</para>
/// </remarks>
/// <param name="N00">Transitions no breach → no breach.</param>
/// <param name="N01">Transitions no breach → breach.</param>
/// <param name="N10">Transitions breach → no breach.</param>
/// <param name="N11">Transitions breach → breach.</param>
/// <param name="Independence">The independence test <c>LR_ind</c>.</param>
/// <param name="ConditionalCoverage">The conditional-coverage test <c>LR_cc</c>.</param>
public sealed record ChristoffersenTest(int N00, int N01, int N10, int N11, LikelihoodRatioTest Independence, LikelihoodRatioTest ConditionalCoverage)
{
    /// <summary>Breach probability after an observation without a breach, <c>π_0</c>; null when there is no such transition.</summary>
    public double? Pi0 => N00 + N01 == 0 ? null : N01 / (double)(N00 + N01);

    /// <summary>Breach probability after a breach, <c>π_1</c>; null when no breach is followed by an observation.</summary>
    public double? Pi1 => N10 + N11 == 0 ? null : N11 / (double)(N10 + N11);

    /// <summary>The tests from the transition counts.</summary>
    /// <param name="n00">Transitions 0 → 0, ≥ 0.</param>
    /// <param name="n01">Transitions 0 → 1, ≥ 0.</param>
    /// <param name="n10">Transitions 1 → 0, ≥ 0.</param>
    /// <param name="n11">Transitions 1 → 1, ≥ 0.</param>
    /// <param name="expectedRate">Expected breach probability <c>p</c> in (0, 1).</param>
    /// <returns>The tests.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, there is no transition, or the rate is out of range.</exception>
    public static ChristoffersenTest FromTransitions(int n00, int n01, int n10, int n11, double expectedRate)
    {
        if (n00 < 0 || n01 < 0 || n10 < 0 || n11 < 0 || (long)n00 + n01 + n10 + n11 < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(n00), $"Transition counts must be >= 0 with at least one transition, got {n00}, {n01}, {n10}, {n11}.");
        }

        CoverageChecks.Rate(expectedRate);
        double a = n00, b = n01, c = n10, d = n11;
        double pi0 = a + b == 0 ? 0 : b / (a + b), pi1 = c + d == 0 ? 0 : d / (c + d), pi = (b + d) / (a + b + c + d);
        double markov = LikelihoodRatioTest.XLogY(a, 1 - pi0) + LikelihoodRatioTest.XLogY(b, pi0) + LikelihoodRatioTest.XLogY(c, 1 - pi1) + LikelihoodRatioTest.XLogY(d, pi1);
        double pooled = LikelihoodRatioTest.XLogY(a + c, 1 - pi) + LikelihoodRatioTest.XLogY(b + d, pi);
        double nominal = LikelihoodRatioTest.XLogY(a + c, 1 - expectedRate) + LikelihoodRatioTest.XLogY(b + d, expectedRate);
        return new ChristoffersenTest(n00, n01, n10, n11, LikelihoodRatioTest.Of(-2 * (pooled - markov), 1), LikelihoodRatioTest.Of(-2 * (nominal - markov), 2));
    }

    /// <summary>The tests from a breach sequence (true = breach).</summary>
    /// <param name="breaches">The sequence in time order, length ≥ 2.</param>
    /// <param name="expectedRate">Expected breach probability in (0, 1).</param>
    /// <returns>The tests.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than 2 observations, or the rate is out of range.</exception>
    public static ChristoffersenTest FromSequence(ReadOnlySpan<bool> breaches, double expectedRate)
    {
        if (breaches.Length < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(breaches), breaches.Length, "The independence test needs at least 2 observations.");
        }

        Span<int> n = stackalloc int[4];
        for (int t = 1; t < breaches.Length; t++)
        {
            n[(breaches[t - 1] ? 2 : 0) + (breaches[t] ? 1 : 0)]++;
        }

        return FromTransitions(n[0], n[1], n[2], n[3], expectedRate);
    }
}
