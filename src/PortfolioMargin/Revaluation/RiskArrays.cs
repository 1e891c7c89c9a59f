using System.Buffers;
using System.Collections.Immutable;
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

