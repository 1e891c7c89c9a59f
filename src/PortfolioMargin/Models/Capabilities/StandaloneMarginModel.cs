using System.Collections.Immutable;
using System.Globalization;
using PortfolioMargin.Instruments;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Models.Isolated;

/// <summary>
/// The standalone form of any model (spec §6.1): <c>Σ_i model({position i})</c>, each position margined alone with
/// <paramref name="inner"/>. Contributions are the per-position results. Stateless and thread-safe if the inner model is.
/// </summary>
/// <param name="inner">The model to apply to each position alone.</param>
public sealed class StandaloneMarginModel(IMarginModel inner) : IStandaloneMarginModel
{
    /// <summary>The wrapped model.</summary>
    public IMarginModel Inner { get; } = Guard.NotNull(inner);

    /// <inheritdoc />
    public string Name => $"Standalone {Inner.Name}";

    /// <inheritdoc />
    public MarginResult Calculate(ResolvedPortfolio portfolio)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        var contributions = ImmutableArray.CreateBuilder<PositionContribution>(portfolio.Count);
        var leaves = ImmutableArray.CreateBuilder<MarginNode>(portfolio.Count);
        var diagnostics = ImmutableArray.CreateBuilder<MarginDiagnostic>();
        double im = 0, mm = 0;
        for (int i = 0; i < portfolio.Count; i++)
        {
            Position position = portfolio.Portfolio[i];
            MarginResult one = Inner.Calculate(ResolvedPortfolio.Resolve(new Portfolio(position), portfolio.Market));
            contributions.Add(new PositionContribution(i, position.ToString(), position.Instrument.Underlying.Symbol, one.MaintenanceMargin, one.InitialMargin));
            leaves.Add(new MarginNode(position.ToString(), one.MaintenanceMargin, one.InitialMargin, [one.Breakdown]));
            diagnostics.AddRange(one.Diagnostics);
            im += one.InitialMargin;
            mm += one.MaintenanceMargin;
        }

        if (portfolio.Count == 0)
        {
            diagnostics.Add(MarginDiagnostic.EmptyPortfolio(Name));
        }

        var root = new MarginNode($"{Name} total", mm, im, leaves.MoveToImmutable(), "sum of each position margined alone");
        return new MarginResult(Name, portfolio.Market.ReportCurrency, im, mm, root, contributions.MoveToImmutable(), [], diagnostics.ToImmutable());
    }

    /// <inheritdoc />
    public (MarginResult Portfolio, ImmutableArray<double> StandaloneInitial) CalculateWithStandalone(ResolvedPortfolio portfolio)
    {
        MarginResult result = Calculate(portfolio);
        return (result, [.. result.Contributions.Select(c => c.Initial)]);
    }
}
