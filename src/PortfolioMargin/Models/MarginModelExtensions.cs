using System.Collections.Immutable;
using PortfolioMargin.MarketData;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Models;

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
