namespace PortfolioMargin.Models;

/// <summary>Which side of a delta spread a leg is on (intra-group, inter-group and SPAN-file spreads alike).</summary>
public enum SpreadSide : byte
{
    /// <summary>Side A: all A legs must hold deltas of one sign.</summary>
    A = 0,

    /// <summary>Side B: the opposite sign of side A.</summary>
    B = 1,
}
