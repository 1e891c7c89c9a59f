using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using PortfolioMargin.Instruments;

namespace PortfolioMargin.Models.Grid;

/// <summary>
/// One position as the grid calculator sees it: its weighted scenario P&amp;L (risk array, profit positive, report
/// currency, one value per scenario of its group's set) and the facts the spread and add-on rules need.
/// </summary>
/// <param name="Index">Index in the margined portfolio (used by contributions).</param>
/// <param name="Label">Display label.</param>
/// <param name="Group">Risk group (underlying symbol).</param>
/// <param name="Pnl">Weighted P&amp;L per scenario.</param>
/// <param name="Delta">Delta in units of the underlying (coin delta for inverse products).</param>
/// <param name="DaysToExpiry">Days to expiry (0 for spot and perpetuals).</param>
/// <param name="Kind">Spot, future/perpetual, call or put.</param>
/// <param name="Units">Signed units of underlying the position controls: <c>q·m</c> for options, its delta for futures.</param>
/// <param name="ContractKey">Identity used to net positions per contract (e.g. the instrument name).</param>
/// <param name="UnderlyingPrice">Underlying (reference) price in the report currency, for rate-based add-ons.</param>
/// <param name="Value">Marked value in the report currency (option premium value), for net option value.</param>
public sealed record GridPosition(int Index, string Label, string Group, ImmutableArray<double> Pnl, double Delta, double DaysToExpiry,
    GridPositionKind Kind, double Units, string ContractKey, double UnderlyingPrice, double Value);
