using System.Collections.Immutable;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Models;

/// <summary>
/// A margin model that provides its own incremental what-if calculator (the extension point for models other than
/// the scenario grid, e.g. a covariance VaR that keeps <c>Σe</c> and updates it in O(n) per order).
/// </summary>
public interface IWhatIfMarginModel : IMarginModel
{
    /// <summary>Creates the model's what-if calculator for a resolved book.</summary>
    /// <param name="book">The book.</param>
    /// <returns>The calculator.</returns>
    IWhatIfCalculator CreateWhatIf(ResolvedPortfolio book);
}
