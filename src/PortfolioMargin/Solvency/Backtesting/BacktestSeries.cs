using System.Collections.Immutable;

namespace PortfolioMargin.Solvency;

/// <summary>
/// The back-test of one account, one member or the whole set: the observations in date order, the dates skipped and
/// why, and the coverage statistics. Immutable.
/// </summary>
public sealed class BacktestSeries
{
    internal BacktestSeries(string id, string description, ImmutableArray<BacktestObservation> observations, ImmutableArray<SkippedDate> skipped, double expectedRate)
    {
        Id = id;
        Description = description;
        Observations = observations;
        Skipped = skipped;
        Coverage = CoverageStatistics.Of(observations.AsSpan(), expectedRate);
    }

    /// <summary>Account id, member id, or <c>set</c>.</summary>
    public string Id { get; }

    /// <summary>What was back-tested (the account's position path, the member's accounts, the set's accounts).</summary>
    public string Description { get; }

    /// <summary>One observation per date, in date order.</summary>
    public ImmutableArray<BacktestObservation> Observations { get; }

    /// <summary>Dates in the back-test range without an observation, and why.</summary>
    public ImmutableArray<SkippedDate> Skipped { get; }

    /// <summary>Breaches, tests, traffic light and shortfall.</summary>
    public CoverageStatistics Coverage { get; }

    /// <summary>Peak-to-trough ratio and largest <paramref name="days"/>-day increase of the margin series.</summary>
    /// <param name="days">Window of the largest increase in calendar days, in [1, 3650]; default 30.</param>
    /// <returns>The measures.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The window is out of range.</exception>
    public ProcyclicalityMeasures Procyclicality(int days = 30) => ProcyclicalityMeasures.Of(Observations.AsSpan(), days);

    /// <summary>Id and coverage summary.</summary>
    public override string ToString() => $"{Id}: {Coverage}";
}
