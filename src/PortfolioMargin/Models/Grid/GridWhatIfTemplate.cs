using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Pricing;
using PortfolioMargin.Revaluation;
using PortfolioMargin.Scenarios;

namespace PortfolioMargin.Models.Grid;

/// <summary>Per-group constants: parameters, scenario layout.</summary>
internal sealed class GridWhatIfTemplate
{
    public GridWhatIfTemplate(Underlying underlying, GridGroupParameters p, MarketSnapshot market)
    {
        Underlying = underlying;
        P = p;
        Layout = GridScanLayouts.Of(p.Scenarios, underlying.Symbol);
        BaseFx = TryFx(market, underlying.BaseCurrency);
        QuoteFx = TryFx(market, underlying.QuoteCurrency);
    }

    /// <summary>Report-currency value of one base coin (NaN when the snapshot has no rate; the order's lookup then throws naming it).</summary>
    public double BaseFx { get; }

    /// <summary>Report-currency value of one unit of the quote currency (NaN when missing).</summary>
    public double QuoteFx { get; }

    private static double TryFx(MarketSnapshot market, Currency currency)
    {
        try
        {
            return market.FxToReport(currency);
        }
        catch (MissingMarketDataException)
        {
            return double.NaN;
        }
    }

    public Underlying Underlying { get; }

    public string Symbol => Underlying.Symbol;

    public GridGroupParameters P { get; }

    public ImmutableArray<Scenario> Scenarios => P.Scenarios.Scenarios;

    public ScanLayout Layout { get; }
}
