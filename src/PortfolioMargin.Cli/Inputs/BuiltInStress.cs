using PortfolioMargin.Scenarios;

namespace PortfolioMargin.Cli.Inputs;

/// <summary>
/// The stress scenarios <c>stress</c> runs when no <c>--scenarios</c> file is given: five historical and hypothetical
/// crypto moves (the StressTest sample's desk set). Each gives BTC its own move and every other underlying of the
/// book the ETH move (alt-coins taken to move at least like ETH); vol moves are relative and apply to all.
/// </summary>
internal static class BuiltInStress
{
    /// <summary>The scenarios: id, name, BTC move, move of every other underlying, relative vol move.</summary>
    public static IReadOnlyList<(string Id, string Name, double Btc, double Others, double Vol)> Definitions { get; } =
    [
        ("COVID", "2020-03-12 COVID crash: BTC -40 %, others -45 %, vols +60 %", -0.40, -0.45, 0.60),
        ("LUNA", "2022-06 Luna/3AC: BTC -30 %, others -40 %", -0.30, -0.40, 0.0),
        ("FTX", "2022-11 FTX: BTC -25 %, others -28 %, vols +35 %", -0.25, -0.28, 0.35),
        ("SQUEEZE", "Short squeeze: BTC +30 %, others +45 %, vols +40 %", 0.30, 0.45, 0.40),
        ("VOLCRUSH", "Vol crush -30 %, prices unchanged", 0.0, 0.0, -0.30),
    ];

    /// <summary>The set for a book holding <paramref name="underlyings"/> (every scenario shocks exactly those).</summary>
    public static ScenarioSet For(IReadOnlyList<string> underlyings) =>
        StressScenarios.Set("built-in crypto stress",
            Definitions.Select(d => StressScenarios.Create(d.Id, d.Name,
                underlyings.ToDictionary(u => u, u => u == "BTC" ? d.Btc : d.Others, StringComparer.Ordinal), volMove: d.Vol)));
}
