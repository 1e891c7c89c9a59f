using System.Collections.Immutable;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Models;

/// <summary>
/// A margin model: a stateless, thread-safe strategy that margins a resolved portfolio and returns the one
/// <see cref="MarginResult"/> shape. Implement it to plug a model of your own into the efficiency report and the
/// rest of the library.
/// </summary>
public interface IMarginModel
{
    /// <summary>Display name of the model (with its parameter version where it has one).</summary>
    string Name { get; }

    /// <summary>Margins a portfolio already resolved against market data.</summary>
    /// <param name="portfolio">The resolved portfolio; an empty one margins to 0.</param>
    /// <returns>The result; amounts in <c>portfolio.Market.ReportCurrency</c>.</returns>
    MarginResult Calculate(ResolvedPortfolio portfolio);
}

