using System.Buffers;
using System.Collections.Immutable;
using PortfolioMargin.Instruments;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Scenarios;

namespace PortfolioMargin.Revaluation;

/// <summary>
/// Risk arrays: the weighted P&amp;L of every position in every scenario by full revaluation (options repriced with
/// the vectorized Black-76 kernel, linear and inverse products in closed form), in the report currency at the
/// snapshot's explicit conversion rates. Profit is positive. Immutable.
/// </summary>
public sealed class RiskArrays
{
    private readonly double[] _pnl; // position-major: [position * scenarios + scenario]

    private RiskArrays(ResolvedPortfolio portfolio, ScenarioSet scenarios, double[] pnl, int volFloorHits)
    {
        Portfolio = portfolio;
        Scenarios = scenarios;
        _pnl = pnl;
        VolFloorHits = volFloorHits;
    }

    /// <summary>The resolved portfolio.</summary>
    public ResolvedPortfolio Portfolio { get; }

    /// <summary>The scenario set.</summary>
    public ScenarioSet Scenarios { get; }

    /// <summary>How many (option, scenario) vols were raised to the floor of 0.01 vol point.</summary>
    public int VolFloorHits { get; }

    /// <summary>Weighted P&amp;L of position <paramref name="position"/> in every scenario.</summary>
    public ReadOnlySpan<double> Position(int position) => _pnl.AsSpan(position * Scenarios.Count, Scenarios.Count);

    /// <summary>Weighted P&amp;L of one position in one scenario.</summary>
    public double this[int position, int scenario] => _pnl[(position * Scenarios.Count) + scenario];

    /// <summary>Revalues every position of <paramref name="portfolio"/> under every scenario of <paramref name="scenarios"/>.</summary>
    /// <exception cref="ArgumentException">A scenario shocks an underlying the portfolio and market do not know, or has no shock for an underlying of the portfolio.</exception>
    public static RiskArrays Compute(ResolvedPortfolio portfolio, ScenarioSet scenarios)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        ArgumentNullException.ThrowIfNull(scenarios);
        RevaluationEngine.Validate(portfolio, scenarios);
        int s = scenarios.Count;
        var pnl = new double[portfolio.Count * s];
        int floored = 0;
        for (int u = 0; u < portfolio.Underlyings.Length; u++)
        {
            var group = new RiskGroup(portfolio, u);
            double[] buffer = ArrayPool<double>.Shared.Rent(group.Count * s);
            try
            {
                floored += RevaluationEngine.Run(group, scenarios, buffer, out _);
                for (int sc = 0; sc < s; sc++)
                {
                    for (int j = 0; j < group.Count; j++)
                    {
                        pnl[(group.Positions[j] * s) + sc] = buffer[(sc * group.Count) + j];
                    }
                }
            }
            finally
            {
                ArrayPool<double>.Shared.Return(buffer);
            }
        }

        return new RiskArrays(portfolio, scenarios, pnl, floored);
    }
}

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
