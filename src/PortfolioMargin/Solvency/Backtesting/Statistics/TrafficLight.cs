using System.Globalization;
using MathNet.Numerics.Distributions;

namespace PortfolioMargin.Solvency;

/// <summary>Zone of the Basel traffic light.</summary>
public enum TrafficLightZone : byte
{
    /// <summary>The breach count is consistent with an accurate model: <c>P(X ≤ x) &lt; 95 %</c>.</summary>
    Green = 0,

    /// <summary>Ambiguous: <c>95 % ≤ P(X ≤ x) &lt; 99.99 %</c>.</summary>
    Yellow = 1,

    /// <summary>The model is almost certainly inaccurate: <c>P(X ≤ x) ≥ 99.99 %</c>.</summary>
    Red = 2,
}

/// <summary>
/// The Basel traffic light for a breach count: under an accurate model the count <c>X</c> is binomial
/// <c>B(n, p)</c>; with the cumulative probability <c>P(X ≤ x)</c> the zone is green below 95 %, yellow below 99.99 %,
/// red otherwise. For 250 observations at 99 % this is the supervisory table: green 0–4, yellow 5–9, red 10 or more,
/// with plus factors to the capital multiplier of 0.40, 0.50, 0.65, 0.75, 0.85 for 5…9 breaches and 1.00 in the red
/// zone. Immutable.
/// </summary>
/// <remarks>Source: Basel Committee on Banking Supervision, "Supervisory framework for the use of 'backtesting' in
/// conjunction with the internal models approach to market risk capital requirements" (January 1996), Tables 1–2 (the
/// tests reproduce its cumulative probabilities 8.11 %, 28.58 %, …, 99.99 %).</remarks>
/// <param name="Observations">Number of observations <c>n</c>.</param>
/// <param name="Breaches">Number of breaches <c>x</c>.</param>
/// <param name="ExpectedRate">Breach probability <c>p</c> of an accurate model.</param>
/// <param name="CumulativeProbability"><c>P(X ≤ x)</c> under <c>B(n, p)</c>.</param>
/// <param name="Zone">The zone.</param>
/// <param name="PlusFactor">The Basel plus factor for exactly 250 observations at 99 % (0 in the green zone); null otherwise.</param>
public sealed record TrafficLight(int Observations, int Breaches, double ExpectedRate, double CumulativeProbability, TrafficLightZone Zone, double? PlusFactor)
{
    /// <summary>Lower bound of <c>P(X ≤ x)</c> of the yellow zone: 0.95.</summary>
    public const double YellowFrom = 0.95;

    /// <summary>Lower bound of <c>P(X ≤ x)</c> of the red zone: 0.9999.</summary>
    public const double RedFrom = 0.9999;

    private static readonly double[] BaselPlus = [0, 0, 0, 0, 0, 0.40, 0.50, 0.65, 0.75, 0.85];

    /// <summary>The zone of a breach count (general binomial form).</summary>
    /// <param name="observations">Observations <c>n</c>, ≥ 1.</param>
    /// <param name="breaches">Breaches <c>x</c> in [0, n].</param>
    /// <param name="expectedRate">Expected breach probability <c>p</c> in (0, 1); default 0.01 (99 % coverage).</param>
    /// <returns>The traffic light.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count or the rate is out of range.</exception>
    public static TrafficLight Of(int observations, int breaches, double expectedRate = 0.01)
    {
        CoverageChecks.Counts(observations, breaches);
        CoverageChecks.Rate(expectedRate);
        double cumulative = Math.Min(Binomial.CDF(expectedRate, observations, breaches), 1.0);
        TrafficLightZone zone = cumulative >= RedFrom ? TrafficLightZone.Red : cumulative >= YellowFrom ? TrafficLightZone.Yellow : TrafficLightZone.Green;
        double? plus = observations == 250 && expectedRate == 0.01 ? (breaches >= BaselPlus.Length ? 1.0 : BaselPlus[breaches]) : null;
        return new TrafficLight(observations, breaches, expectedRate, cumulative, zone, plus);
    }

    /// <summary>E.g. <c>yellow (6 of 250, P(X ≤ 6) 98.63 %)</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Zone.ToString().ToLowerInvariant()} ({Breaches} of {Observations}, P(X <= {Breaches}) {CumulativeProbability:P2})");
}
