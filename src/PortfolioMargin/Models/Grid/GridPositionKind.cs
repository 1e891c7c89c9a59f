using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using PortfolioMargin.Instruments;

namespace PortfolioMargin.Models.Grid;

/// <summary>What a grid position is, for the short-option minimum and the contingency add-ons.</summary>
public enum GridPositionKind : byte
{
    /// <summary>Spot holding (no add-ons).</summary>
    Spot = 0,

    /// <summary>Dated future or perpetual (offsetting-futures add-on).</summary>
    Future = 1,

    /// <summary>Call option.</summary>
    Call = 2,

    /// <summary>Put option.</summary>
    Put = 3,
}
