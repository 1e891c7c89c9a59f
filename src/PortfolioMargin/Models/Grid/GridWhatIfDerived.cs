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

internal readonly record struct GridWhatIfDerived(double Scan, int Binding, double Time, double Price, double Intra, double Som, double FuturesContingency)
{
    /// <summary>Scan, time/price risk, intra charge, SOM and futures add-on of a group's (working) state.</summary>
    public static GridWhatIfDerived Of(GridWhatIfTemplate t, ReadOnlySpan<double> losses, Span<double> tierDelta, in GridWhatIfAggregates a, Span<double> slotScratch)
    {
        (double scan, int binding) = ScanRisk.Of(losses);
        (double time, double price) = GridGroupMath.TimeAndPrice(losses, t.Layout, slotScratch);
        double intra = t.P.IntraSpreads.IsEmpty ? 0 : GridGroupMath.Intra(tierDelta, t.P, null, default);
        double som = GridGroupMath.ShortOptionMinimum(a.ShortCalls, a.ShortPuts, t.P);
        double fut = GridGroupMath.FuturesContingency(a.LongNotional, a.ShortNotional, t.P);
        return new GridWhatIfDerived(scan, binding, time, price, intra, som, fut);
    }
}
