using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace PortfolioMargin.Models;

/// <summary>The scenario that sets a risk group's scan risk.</summary>
/// <param name="Group">Risk group.</param>
/// <param name="ScenarioId">Stable id of the binding scenario.</param>
/// <param name="ScenarioName">Display name of the binding scenario.</param>
/// <param name="Loss">The group's (weighted) loss in that scenario, in the result currency.</param>
/// <param name="TiedScenarioIds">Other scenarios with the same loss (within 1e-9 relative); the first in set order binds.</param>
public sealed record BindingScenario(string Group, string ScenarioId, string ScenarioName, double Loss, ImmutableArray<string> TiedScenarioIds);
