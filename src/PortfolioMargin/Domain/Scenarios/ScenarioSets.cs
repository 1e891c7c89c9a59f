using System.Collections.Immutable;

namespace PortfolioMargin.Scenarios;

/// <summary>Combining scenario sets, e.g. a uniform grid plus an extended table plus stress scenarios.</summary>
public static class ScenarioSets
{
    /// <summary>Concatenates sets in order; ids must already be unique across them.</summary>
    /// <param name="name">Name of the combined set; not blank.</param>
    /// <param name="sets">The sets, at least one.</param>
    /// <returns>All scenarios of all sets, in order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sets"/> or one of them is null.</exception>
    /// <exception cref="ArgumentException">No sets, more than <see cref="ScenarioSet.MaxScenarios"/> scenarios, or an id in two sets (the message names the id and both sets; use <see cref="WithIdPrefix"/>).</exception>
    public static ScenarioSet Concat(string name, params IEnumerable<ScenarioSet> sets)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(sets);
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        var all = ImmutableArray.CreateBuilder<Scenario>();
        int count = 0;
        foreach (ScenarioSet set in sets)
        {
            ArgumentNullException.ThrowIfNull(set, nameof(sets));
            count++;
            foreach (Scenario s in set.Scenarios)
            {
                if (!owner.TryAdd(s.Id, set.Name))
                {
                    Guard.ThrowArgument($"Combining into '{name}': the id '{s.Id}' is in both '{owner[s.Id]}' and '{set.Name}'; prefix one set's ids (WithIdPrefix).", nameof(sets));
                }

                all.Add(s);
            }
        }

        if (count == 0)
        {
            Guard.ThrowArgument($"Combining into '{name}': give at least one set.", nameof(sets));
        }

        return new ScenarioSet(name, all.ToImmutable());
    }

    /// <summary>A copy of a set whose ids carry a prefix (<c>prefix + id</c>); everything else is unchanged.</summary>
    /// <param name="set">The set.</param>
    /// <param name="prefix">Prefix, e.g. <c>BTC:</c>; not blank.</param>
    /// <param name="name">Name of the copy; null keeps the set's name.</param>
    /// <returns>The prefixed copy.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="set"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="prefix"/> is blank.</exception>
    public static ScenarioSet WithIdPrefix(this ScenarioSet set, string prefix, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        return new ScenarioSet(name ?? set.Name, set.Scenarios.Select(s => new Scenario(prefix + s.Id, s.Name, s.Shocks, s.Default, s.Weight, s.TimeShiftDays)));
    }
}
