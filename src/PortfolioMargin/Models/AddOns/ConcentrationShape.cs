namespace PortfolioMargin.Models.AddOns;

/// <summary>Shape of a concentration schedule.</summary>
public enum ConcentrationShape : byte
{
    /// <summary>A linear ramp from the threshold to the cap: <c>rate = MaxRate · clamp((x − Lower)/(Upper − Lower), 0, 1)</c> (dYdX v4 liquidity tiers).</summary>
    Linear = 0,

    /// <summary>Square-root market impact beyond the threshold: <c>rate = min(Coefficient · √max(x − Lower, 0), MaxRate)</c>.</summary>
    SquareRoot = 1,
}
