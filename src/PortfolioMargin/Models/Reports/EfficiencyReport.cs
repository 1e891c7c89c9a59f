using System.Collections.Immutable;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Models;

/// <summary>Portfolio vs standalone margin for one risk group or in total.</summary>
/// <param name="Group">Risk group, or <c>TOTAL</c>.</param>
/// <param name="PortfolioMargin">Initial margin of the group's positions margined together (their contributions in the portfolio result).</param>
/// <param name="StandaloneSum">Sum over the group's positions of the margin of each position alone.</param>
/// <param name="CapitalFreed"><c>StandaloneSum − PortfolioMargin</c>.</param>
/// <param name="Efficiency"><c>1 − PortfolioMargin / StandaloneSum</c> (0 when the standalone sum is 0).</param>
public sealed record GroupEfficiency(string Group, double PortfolioMargin, double StandaloneSum, double CapitalFreed, double Efficiency);

/// <summary>
/// Margin efficiency of a portfolio under one model (spec §1): <c>efficiency = 1 − portfolio / Σ standalone</c>,
/// <c>capitalFreed = Σ standalone − portfolio</c>, per risk group and in total; both sides come from the same model.
/// </summary>
/// <param name="Model">Model name.</param>
/// <param name="Currency">Currency of the amounts.</param>
/// <param name="Portfolio">The portfolio margin result.</param>
/// <param name="StandaloneInitial">Initial margin of each position alone, in portfolio order.</param>
/// <param name="Total">Totals.</param>
/// <param name="Groups">Per risk group, in order of first appearance.</param>
public sealed record EfficiencyReport(string Model, Currency Currency, MarginResult Portfolio, ImmutableArray<double> StandaloneInitial,
    GroupEfficiency Total, ImmutableArray<GroupEfficiency> Groups)
{
    /// <summary>Margins the portfolio and every position alone with <paramref name="model"/> and compares them.</summary>
    public static EfficiencyReport Compute(IMarginModel model, ResolvedPortfolio portfolio)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(portfolio);
        MarginResult result;
        ImmutableArray<double> standalone;
        if (model is IStandaloneMarginModel fast)
        {
            (result, standalone) = fast.CalculateWithStandalone(portfolio);
        }
        else
        {
            result = model.Calculate(portfolio);
            standalone = model.StandaloneInitialMargins(portfolio);
        }

        return From(model.Name, result, standalone);
    }

    /// <summary>
    /// Builds the report from a portfolio result and the standalone initial margin of each position (indexed by
    /// <see cref="PositionContribution.PositionIndex"/>), for models whose inputs are not a resolved portfolio (e.g. SPAN files).
    /// </summary>
    /// <exception cref="ArgumentException">A contribution's position index has no standalone margin.</exception>
    public static EfficiencyReport From(string model, MarginResult result, ImmutableArray<double> standaloneInitial)
    {
        ArgumentNullException.ThrowIfNull(result);
        var groups = new List<string>();
        var portfolioByGroup = new Dictionary<string, double>(StringComparer.Ordinal);
        var standaloneByGroup = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (PositionContribution c in result.Contributions)
        {
            if ((uint)c.PositionIndex >= (uint)standaloneInitial.Length)
            {
                Guard.ThrowArgument($"Efficiency report: contribution '{c.Label}' has position index {c.PositionIndex}, but only {standaloneInitial.Length} standalone margins were given.", nameof(standaloneInitial));
            }

            if (!portfolioByGroup.ContainsKey(c.Group))
            {
                groups.Add(c.Group);
                portfolioByGroup[c.Group] = 0;
                standaloneByGroup[c.Group] = 0;
            }

            portfolioByGroup[c.Group] += c.Initial;
            standaloneByGroup[c.Group] += standaloneInitial[c.PositionIndex];
        }

        var rows = groups.Select(g => Row(g, portfolioByGroup[g], standaloneByGroup[g])).ToImmutableArray();
        double standaloneTotal = 0;
        foreach (double s in standaloneInitial)
        {
            standaloneTotal += s;
        }

        return new EfficiencyReport(model, result.Currency, result, standaloneInitial, Row("TOTAL", result.InitialMargin, standaloneTotal), rows);
    }

    private static GroupEfficiency Row(string group, double portfolioMargin, double standaloneSum) =>
        new(group, portfolioMargin, standaloneSum, standaloneSum - portfolioMargin, standaloneSum > 0 ? 1 - (portfolioMargin / standaloneSum) : 0);
}
