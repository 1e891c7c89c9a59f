namespace PortfolioMargin.Models;

/// <summary>How the short option minimum counts short options (the grid and SPAN-file models alike).</summary>
public enum ShortOptionMinimumMethod : byte
{
    /// <summary><c>rate · max(net short calls, net short puts)</c> (CME default).</summary>
    MaxOfSides = 0,

    /// <summary><c>rate · (net short calls + net short puts)</c>.</summary>
    Gross = 1,
}
