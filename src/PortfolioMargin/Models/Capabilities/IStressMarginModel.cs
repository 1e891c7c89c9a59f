using System.Collections.Immutable;
using PortfolioMargin.Correlation;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Scenarios;

namespace PortfolioMargin.Models;

/// <summary>
/// A margin model that can take a stress scenario into account beyond the shocked market, e.g. a covariance VaR that
/// replaces its correlation matrix by a stressed one. The stress test (<c>PortfolioMargin.RealTime.StressTest</c>) calls it when the model implements it.
/// </summary>
public interface IStressMarginModel : IMarginModel
{
    /// <summary>Margins a portfolio resolved on the scenario's shocked snapshot.</summary>
    /// <param name="shocked">The portfolio resolved against the shocked snapshot.</param>
    /// <param name="scenario">The stress scenario.</param>
    /// <param name="correlationOverride">The scenario's correlation override, or null to use the model's own.</param>
    /// <returns>The margin under stress.</returns>
    MarginResult CalculateUnderStress(ResolvedPortfolio shocked, Scenario scenario, CorrelationMatrix? correlationOverride);
}
