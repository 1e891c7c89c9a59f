using System.Buffers;
using System.Collections.Immutable;
using PortfolioMargin.Instruments;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Scenarios;

namespace PortfolioMargin.Revaluation;

/// <summary>Drives <see cref="RiskGroup"/> over a scenario set with pooled scratch.</summary>
internal static class RevaluationEngine
{
    /// <summary>Scenario-major weighted P&amp;L of a group (<c>pnl[s·n + j]</c>); returns the vol-floor count.</summary>
    public static int Run(RiskGroup group, ScenarioSet scenarios, Span<double> pnl, out int scenarioCount)
    {
        int n = group.Count, floored = 0;
        scenarioCount = scenarios.Count;
        double[] scratch = ArrayPool<double>.Shared.Rent(Math.Max(1, group.ScratchLength));
        try
        {
            ImmutableArray<Scenario> set = scenarios.Scenarios;
            for (int s = 0; s < set.Length; s++)
            {
                floored += group.Revalue(set[s], pnl.Slice(s * n, n), scratch);
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(scratch);
        }

        return floored;
    }

    /// <summary>What validation needs to know about a scenario set, computed once per set instance.</summary>
    private sealed record SetFacts(ImmutableArray<(string ScenarioId, string Symbol)> ExplicitShocks, ImmutableArray<Scenario> WithoutDefault);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ScenarioSet, SetFacts> Facts = new();

    /// <summary>Rejects scenarios that shock unknown underlyings or leave one of the portfolio's underlyings without a shock.</summary>
    /// <remarks>The set's explicit symbols are gathered once per set instance (cached weakly), so validating a book against a
    /// shared set allocates nothing.</remarks>
    public static void Validate(ResolvedPortfolio portfolio, ScenarioSet scenarios)
    {
        SetFacts facts = Facts.GetValue(scenarios, static set => new SetFacts(
            [.. set.Scenarios.SelectMany(sc => sc.Shocks.Keys.Select(symbol => (sc.Id, symbol)))],
            [.. set.Scenarios.Where(sc => sc.Default is null)]));
        foreach (var (scenarioId, symbol) in facts.ExplicitShocks)
        {
            if (!portfolio.Market.Underlyings.ContainsKey(symbol) && !portfolio.Underlyings.Any(u => u.Symbol == symbol))
            {
                throw new ArgumentException($"Scenario '{scenarioId}' of set '{scenarios.Name}' shocks underlying '{symbol}', which neither the portfolio nor the market snapshot knows.", nameof(scenarios));
            }
        }

        foreach (Scenario s in facts.WithoutDefault)
        {
            foreach (Underlying u in portfolio.Underlyings)
            {
                s.ShockFor(u.Symbol);
            }
        }
    }
}
