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

/// <summary>Additive per-group facts (each order position adds to them).</summary>
internal struct GridWhatIfAggregates
{
    public double NetDelta;
    public double GrossDelta;
    public double ShortCalls;
    public double ShortPuts;
    public double OptionContingency;
    public double LongNotional;
    public double ShortNotional;
    public double Nov;
}
