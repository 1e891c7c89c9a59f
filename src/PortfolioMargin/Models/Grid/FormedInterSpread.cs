using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace PortfolioMargin.Models.Grid;

/// <summary>An inter-group spread that formed, with the credit granted to each leg's group.</summary>
/// <param name="Spread">The spread definition.</param>
/// <param name="Spreads">Number of spreads <c>n</c>.</param>
/// <param name="CreditByGroup">Credit per leg group.</param>
public sealed record FormedInterSpread(InterGroupSpread Spread, double Spreads, ImmutableSortedDictionary<string, double> CreditByGroup);
