using System.Globalization;

namespace PortfolioMargin.Solvency;

/// <summary>
/// How well a margin series covered its losses: counts, the Kupiec and Christoffersen tests, the traffic light and
/// the shortfall beyond margin. Immutable.
/// </summary>
/// <remarks>
/// The tests treat the observations as consecutive. With a margin period of risk above one day the loss windows
/// overlap, so breaches cluster by construction and the independence test rejects more often than its size; read it
/// on a one-day back-test (or on every h-th observation).
/// </remarks>
/// <param name="Observations">Number of observations <c>n</c>.</param>
/// <param name="Breaches">Number of breaches <c>x</c> (loss &gt; margin).</param>
/// <param name="ExpectedRate">Breach probability claimed, <c>p = 1 − coverage</c>.</param>
/// <param name="Kupiec">Unconditional coverage (POF), χ²(1).</param>
/// <param name="Christoffersen">Independence and conditional coverage; null with fewer than 2 observations.</param>
/// <param name="TrafficLight">Basel zone of the breach count (binomial form).</param>
/// <param name="AverageShortfall">Mean of <c>loss − margin</c> over the breaches (0 without breaches).</param>
/// <param name="WorstShortfall">Largest <c>loss − margin</c> (0 without breaches).</param>
/// <param name="WorstShortfallDate">Margin date of the worst shortfall; null without breaches.</param>
public sealed record CoverageStatistics(int Observations, int Breaches, double ExpectedRate, LikelihoodRatioTest Kupiec, ChristoffersenTest? Christoffersen,
    TrafficLight TrafficLight, double AverageShortfall, double WorstShortfall, DateOnly? WorstShortfallDate)
{
    /// <summary>Observed breach rate <c>x/n</c>.</summary>
    public double BreachRate => Breaches / (double)Observations;

    /// <summary>Achieved coverage <c>1 − x/n</c>.</summary>
    public double Coverage => 1 - BreachRate;

    /// <summary>The statistics of a series of observations.</summary>
    /// <param name="observations">Observations in time order; at least one.</param>
    /// <param name="expectedRate">Breach probability claimed, in (0, 1).</param>
    /// <returns>The statistics.</returns>
    /// <exception cref="ArgumentOutOfRangeException">No observations, or the rate is out of range.</exception>
    public static CoverageStatistics Of(ReadOnlySpan<BacktestObservation> observations, double expectedRate)
    {
        if (observations.IsEmpty)
        {
            throw new ArgumentOutOfRangeException(nameof(observations), 0, "Coverage statistics need at least one observation.");
        }

        CoverageChecks.Rate(expectedRate);
        var hits = new bool[observations.Length];
        int breaches = 0;
        double sum = 0, worst = 0;
        DateOnly? worstDate = null;
        for (int t = 0; t < observations.Length; t++)
        {
            BacktestObservation o = observations[t];
            if (hits[t] = o.Breach)
            {
                breaches++;
                sum += o.Shortfall;
                if (worstDate is null || o.Shortfall > worst)
                {
                    worst = o.Shortfall;
                    worstDate = o.Date;
                }
            }
        }

        int n = observations.Length;
        return new CoverageStatistics(n, breaches, expectedRate, KupiecTest.ProportionOfFailures(n, breaches, expectedRate),
            n >= 2 ? ChristoffersenTest.FromSequence(hits, expectedRate) : null, TrafficLight.Of(n, breaches, expectedRate),
            breaches == 0 ? 0 : sum / breaches, worst, worstDate);
    }

    /// <summary>E.g. <c>14 breaches in 1,200 (1.17 %, expected 1.00 %), Kupiec p 0.56, green</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Breaches} breaches in {Observations:N0} ({BreachRate:P2}, expected {ExpectedRate:P2}), Kupiec p {Kupiec.PValue:G3}, {TrafficLight.Zone.ToString().ToLowerInvariant()}");
}
