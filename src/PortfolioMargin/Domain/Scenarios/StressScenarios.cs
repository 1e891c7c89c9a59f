namespace PortfolioMargin.Scenarios;

/// <summary>
/// Helpers for historical or hypothetical stress scenarios that move several underlyings differently, e.g.
/// BTC −30 %, ETH −40 %, vols +50 % relative. Scenarios built here have weight 1 unless given.
/// </summary>
public static class StressScenarios
{
    /// <summary>A stress scenario from price moves by underlying, with one vol move for all of them.</summary>
    /// <param name="id">Stable id, unique within its set; not blank.</param>
    /// <param name="name">Display name (e.g. the event and date a historical scenario replays).</param>
    /// <param name="priceMoves">Relative price move by underlying symbol (each finite, &gt; −1); at least one unless <paramref name="others"/> is given.</param>
    /// <param name="volMove">Vol move applied to every listed underlying; finite.</param>
    /// <param name="volKind">Absolute vol points or relative (default relative: 0.5 = vols up 50 %).</param>
    /// <param name="others">Shock for underlyings not listed; null makes them an error when the scenario is applied.</param>
    /// <param name="weight">Fraction of the scenario P&amp;L that counts; in (0, 10].</param>
    /// <returns>The scenario.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="priceMoves"/> is null.</exception>
    /// <exception cref="ArgumentException">Blank id or symbol, a move out of range, bad weight, or no shock at all.</exception>
    public static Scenario Create(string id, string name, IReadOnlyDictionary<string, double> priceMoves, double volMove = 0, VolMoveKind volKind = VolMoveKind.Relative, UnderlyingShock? others = null, double weight = 1.0)
    {
        ArgumentNullException.ThrowIfNull(priceMoves);
        var shocks = new Dictionary<string, UnderlyingShock>(priceMoves.Count, StringComparer.Ordinal);
        foreach (var kv in priceMoves)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(kv.Key, nameof(priceMoves));
            shocks[kv.Key] = new UnderlyingShock(kv.Value, volMove, volKind);
        }

        return new Scenario(id, name, shocks, others, weight);
    }

    /// <summary>A stress scenario from full shocks by underlying (price and vol differ per underlying).</summary>
    /// <param name="id">Stable id, unique within its set; not blank.</param>
    /// <param name="name">Display name.</param>
    /// <param name="shocks">Shock by underlying symbol.</param>
    /// <param name="others">Shock for underlyings not listed; null makes them an error when the scenario is applied.</param>
    /// <param name="weight">Fraction of the scenario P&amp;L that counts; in (0, 10].</param>
    /// <returns>The scenario.</returns>
    /// <exception cref="ArgumentException">Blank id or symbol, a null shock, bad weight, or no shock at all.</exception>
    public static Scenario Create(string id, string name, IReadOnlyDictionary<string, UnderlyingShock> shocks, UnderlyingShock? others = null, double weight = 1.0) =>
        new(id, name, shocks, others, weight);

    /// <summary>A named set of stress scenarios (ids must be unique).</summary>
    /// <param name="name">Set name; not blank.</param>
    /// <param name="scenarios">The scenarios in order.</param>
    /// <returns>The set.</returns>
    /// <exception cref="ArgumentException">Blank name, empty set or duplicate ids.</exception>
    public static ScenarioSet Set(string name, params IEnumerable<Scenario> scenarios) => new(name, scenarios);
}
