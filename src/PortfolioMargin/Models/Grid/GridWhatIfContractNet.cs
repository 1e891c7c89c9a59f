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

internal readonly record struct GridWhatIfContractNet(double Net, double Price);
