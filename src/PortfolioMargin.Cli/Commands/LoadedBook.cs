using PortfolioMargin.MarketData;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Cli.Commands;

/// <summary>A book read from files and resolved against its market snapshot.</summary>
/// <param name="PortfolioPath">The portfolio file as given.</param>
/// <param name="MarketPath">The market file as given.</param>
/// <param name="Portfolio">The positions.</param>
/// <param name="Market">The snapshot.</param>
/// <param name="Resolved">The book resolved against the snapshot.</param>
internal sealed record LoadedBook(string PortfolioPath, string MarketPath, Portfolio Portfolio, MarketSnapshot Market, ResolvedPortfolio Resolved)
{
    /// <summary>The book's underlying symbols in order of first appearance.</summary>
    public IReadOnlyList<string> Underlyings => [.. Portfolio.Select(p => p.Instrument.Underlying.Symbol).Distinct(StringComparer.Ordinal)];
}
