using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace PortfolioMargin.Models.Grid;

/// <summary>An intra-group spread that formed.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Spreads">Number of spreads <c>n</c>.</param>
/// <param name="Charge"><c>n · ChargePerSpread</c>.</param>
public sealed record FormedIntraSpread(IntraSpreadRule Rule, double Spreads, double Charge);
