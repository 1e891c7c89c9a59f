namespace PortfolioMargin.Models.AddOns;

/// <summary>What a concentration rule measures a position against.</summary>
public enum LiquidityReference : byte
{
    /// <summary>Average daily traded volume (notional in the report currency).</summary>
    AverageDailyVolume = 0,

    /// <summary>Open interest (notional in the report currency).</summary>
    OpenInterest = 1,
}
