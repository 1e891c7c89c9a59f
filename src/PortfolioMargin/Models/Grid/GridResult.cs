using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace PortfolioMargin.Models.Grid;

/// <summary>The grid's detailed result plus the common <see cref="MarginResult"/>.</summary>
/// <param name="Result">The common result shape.</param>
/// <param name="Groups">Per risk group, in order of first appearance.</param>
/// <param name="InterSpreads">Inter-group spreads formed, in priority order.</param>
public sealed record GridResult(MarginResult Result, ImmutableArray<GridGroupResult> Groups, ImmutableArray<FormedInterSpread> InterSpreads);
