using System.Collections.Immutable;
using System.Globalization;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Models.Deribit;

/// <summary>
/// Deribit's current portfolio margin (PME, the risk-matrix model introduced in 2024): per underlying a standard risk
/// matrix (±<c>price_range</c> in <c>2·buckets+1</c> points, each with relative vol up / same / down scaled by
/// <c>(30/DTE)^p</c>), an extended table of large moves on vol up scaled by the extended factor, aggregation in which
/// positive P&amp;L counts only <c>pnl_offset</c> and extended P&amp;L is dampened, then
/// <c>risk-matrix margin = round(worst case) + roll shock + delta shock</c>, MM = <c>mm_factor</c> × that and IM = that
/// (the account's MMP and open-order margins come on top; see <c>OpenOrderMargin</c>). Stateless and thread-safe.
/// See <c>docs/venues/deribit.md</c> for what is published and what is inferred.
/// </summary>
public sealed class DeribitModel : IMarginModel
{
    /// <summary>Creates the model.</summary>
    /// <param name="parameters">Parameter set (<see cref="DeribitParameters.Default"/>).</param>
    public DeribitModel(DeribitParameters parameters)
    {
        Parameters = Guard.NotNull(parameters);
        Name = $"Deribit PME ({parameters.Version})";
    }

    /// <summary>The model with <see cref="DeribitParameters.Default"/>.</summary>
    public static DeribitModel Default { get; } = new(DeribitParameters.Default);

    /// <summary>The parameter set.</summary>
    public DeribitParameters Parameters { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public MarginResult Calculate(ResolvedPortfolio portfolio) => CalculateDetailed(portfolio).Result;

    /// <summary>Margins the portfolio and returns the risk vectors and per-underlying figures with the common result.</summary>
    /// <param name="portfolio">The resolved book.</param>
    /// <returns>The result (report currency).</returns>
    /// <exception cref="KeyNotFoundException">An underlying has no parameters.</exception>
    /// <exception cref="MarketData.MissingMarketDataException">An underlying has no spot, or the report currency has no rate from its quote currency.</exception>
    public DeribitResult CalculateDetailed(ResolvedPortfolio portfolio)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        int n = portfolio.Count;
        var standard = new double[n][];
        var extended = new double[n][];
        var mm = new double[n];
        var im = new double[n];
        var groups = ImmutableArray.CreateBuilder<DeribitGroupResult>(portfolio.Underlyings.Length);
        for (int u = 0; u < portfolio.Underlyings.Length; u++)
        {
            DeribitPairParameters pair = Parameters.For(portfolio.Underlyings[u].Symbol);
            for (int i = 0; i < n; i++)
            {
                if (portfolio.UnderlyingIndex[i] == u)
                {
                    standard[i] = new double[3 * ((2 * Parameters.BucketsCount) + 1)];
                    extended[i] = new double[pair.ExtendedMoves.Length];
                }
            }

            groups.Add(new DeribitGroupCalculator(portfolio, u, Parameters).Compute(standard, extended, mm, im));
        }

        ImmutableArray<DeribitGroupResult> result = groups.MoveToImmutable();
        return new DeribitResult(Build(portfolio, result, mm, im), result, [.. standard.Select(v => v.ToImmutableArray())], [.. extended.Select(v => v.ToImmutableArray())]);
    }

    private MarginResult Build(ResolvedPortfolio portfolio, ImmutableArray<DeribitGroupResult> groups, double[] mm, double[] im)
    {
        double totalMm = 0, totalIm = 0;
        double f = Parameters.MaintenanceFactor;
        var nodes = ImmutableArray.CreateBuilder<MarginNode>(groups.Length);
        var binding = ImmutableArray.CreateBuilder<BindingScenario>();
        foreach (DeribitGroupResult g in groups)
        {
            totalMm += g.MaintenanceMargin;
            totalIm += g.InitialMargin;
            var children = ImmutableArray.Create(
                MarginNode.Leaf($"{g.Group}/worst case", f * g.WorstCase, g.WorstCase, g.BindingScenarioId is null
                    ? "no scenario loses" : $"binding {g.BindingScenarioId}; positive P&L x pnl_offset, extended table dampened; rounded to {Parameters.WorstCaseDecimals} decimals"),
                MarginNode.Leaf($"{g.Group}/roll shock", f * g.RollShock, g.RollShock, "per expiry |net notional| x max(min_annualised_move, exp(annualised_move_risk T) - 1)"),
                MarginNode.Leaf($"{g.Group}/delta shock", f * g.DeltaShock, g.DeltaShock, "min(max(|delta notional| - threshold, 0) |delta| m_inc, max_delta_shock |delta notional|)"),
                MarginNode.Leaf($"{g.Group}/correlation contingency", 0, 0, "not modelled"));
            nodes.Add(new MarginNode(g.Group, g.MaintenanceMargin, g.InitialMargin, children,
                string.Create(CultureInfo.InvariantCulture, $"risk-matrix margin {g.RiskMatrixMargin:R}; MM = {f:R} x risk-matrix margin")));
            if (g.BindingScenarioId is { } id)
            {
                binding.Add(new BindingScenario(g.Group, id, ScenarioName(id), g.WorstCase, []));
            }
        }

        var contributions = ImmutableArray.CreateBuilder<PositionContribution>(portfolio.Count);
        for (int i = 0; i < portfolio.Count; i++)
        {
            contributions.Add(new PositionContribution(i, portfolio.Portfolio[i].ToString(), portfolio.Portfolio[i].Instrument.Underlying.Symbol, mm[i], im[i]));
        }

        var root = new MarginNode("Deribit PME", totalMm, totalIm, nodes.MoveToImmutable(), "sum over underlyings; IM excludes MMP, spot and open-order margin");
        return new MarginResult(Name, portfolio.Market.ReportCurrency, totalIm, totalMm, root, contributions.MoveToImmutable(), binding.ToImmutable(), []);
    }

    private static string ScenarioName(string id) =>
        id[0] == 'X' ? $"extended {id[1..^3]}, vol up" : $"standard {id[1..^3]}, vol {(id.EndsWith("VU", StringComparison.Ordinal) ? "up" : id.EndsWith("VD", StringComparison.Ordinal) ? "down" : "same")}";
}
