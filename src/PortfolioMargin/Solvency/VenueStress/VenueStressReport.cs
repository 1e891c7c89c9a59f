using System.Collections.Immutable;

namespace PortfolioMargin.Solvency;

/// <summary>The outcome of a venue-wide stress test. Immutable.</summary>
/// <param name="Model">The margin model (initial margin before, margin under stress).</param>
/// <param name="Options">The parameters.</param>
/// <param name="Scenarios">Per scenario, in set order.</param>
public sealed record VenueStressReport(string Model, VenueStressOptions Options, ImmutableArray<ScenarioSolvency> Scenarios)
{
    /// <summary>
    /// The scenario worst for the fund: the largest required cover, then the largest total uncovered loss, then the
    /// first in set order.
    /// </summary>
    public ScenarioSolvency WorstForFund => Enumerable.Aggregate(Scenarios, (a, b) =>
        b.Required.Amount > a.Required.Amount || (b.Required.Amount == a.Required.Amount && b.TotalUncoveredLoss > a.TotalUncoveredLoss) ? b : a);

    /// <summary>The result of scenario <paramref name="id"/>.</summary>
    /// <param name="id">Scenario id.</param>
    /// <returns>The result.</returns>
    /// <exception cref="KeyNotFoundException">No such scenario.</exception>
    public ScenarioSolvency Scenario(string id) =>
        Scenarios.FirstOrDefault(s => s.Scenario.Id == id) ?? throw new KeyNotFoundException($"The venue stress has no scenario '{id}'.");
}
