using System.Collections.Immutable;
using PortfolioMargin.MarketData;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Models;

/// <summary>The fallback calculator: margins <c>book + order</c> in full for every question.</summary>
internal sealed class RecomputingWhatIf : IWhatIfCalculator
{
    private readonly IMarginModel _model;
    private readonly MarginResult _base;

    public RecomputingWhatIf(IMarginModel model, ResolvedPortfolio book)
    {
        _model = model;
        Portfolio = book.Portfolio;
        Market = book.Market;
        _base = model.Calculate(book);
    }

    public Portfolio Portfolio { get; }

    public MarketSnapshot Market { get; }

    public double InitialMargin => _base.InitialMargin;

    public double MaintenanceMargin => _base.MaintenanceMargin;

    public WhatIfResult WhatIf(params ReadOnlySpan<Position> order)
    {
        MarginResult after = _model.Calculate(Portfolio.Add(order.ToArray()), Market);
        return new WhatIfResult(Market.ReportCurrency, _base.InitialMargin, after.InitialMargin, _base.MaintenanceMargin, after.MaintenanceMargin,
            ImmutableArray<WhatIfGroupResult>.Empty);
    }

    public IWhatIfCalculator Apply(params ReadOnlySpan<Position> order) =>
        new RecomputingWhatIf(_model, ResolvedPortfolio.Resolve(Portfolio.Add(order.ToArray()), Market));
}
