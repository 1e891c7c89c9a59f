using System.Collections.Immutable;
using PortfolioMargin.MarketData;
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

/// <summary>Conveniences over <see cref="IMarginModel"/>.</summary>
public static class MarginModelExtensions
{
    /// <summary>Resolves <paramref name="portfolio"/> against <paramref name="market"/> and margins it.</summary>
    /// <exception cref="MissingMarketDataException">Market data a position needs is missing.</exception>
    public static MarginResult Calculate(this IMarginModel model, Portfolio portfolio, MarketSnapshot market)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Calculate(ResolvedPortfolio.Resolve(portfolio, market));
    }

    /// <summary>
    /// The standalone initial margin of every position: <c>model({position i})</c>. Uses
    /// <see cref="IStandaloneMarginModel"/> when the model implements it, otherwise margins each position alone.
    /// </summary>
    public static ImmutableArray<double> StandaloneInitialMargins(this IMarginModel model, ResolvedPortfolio portfolio)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(portfolio);
        if (model is IStandaloneMarginModel fast)
        {
            return fast.CalculateWithStandalone(portfolio).StandaloneInitial;
        }

        var result = ImmutableArray.CreateBuilder<double>(portfolio.Count);
        for (int i = 0; i < portfolio.Count; i++)
        {
            var single = ResolvedPortfolio.Resolve(new Portfolio(portfolio.Portfolio[i]), portfolio.Market);
            result.Add(model.Calculate(single).InitialMargin);
        }

        return result.MoveToImmutable();
    }
}
