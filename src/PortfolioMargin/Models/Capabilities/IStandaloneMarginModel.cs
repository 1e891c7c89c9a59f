using System.Collections.Immutable;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Models;

/// <summary>
/// A model that can margin every position of a portfolio on its own faster than calling
/// <see cref="IMarginModel.Calculate"/> once per position (e.g. by reusing risk arrays). The efficiency report uses
/// it when present.
/// </summary>
public interface IStandaloneMarginModel : IMarginModel
{
    /// <summary>
    /// The portfolio margin and, for every position <c>i</c>, the initial margin of the portfolio holding only that
    /// position (<c>model({position i})</c>), in the report currency.
    /// </summary>
    (MarginResult Portfolio, ImmutableArray<double> StandaloneInitial) CalculateWithStandalone(ResolvedPortfolio portfolio);
}
