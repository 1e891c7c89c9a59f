using System.Collections.Immutable;

namespace PortfolioMargin.Models.Grid;

/// <summary>How net option value (premium-style options) enters the requirement.</summary>
public enum NetOptionValueHandling : byte
{
    /// <summary>Ignored: premiums are settled up front (crypto exchanges).</summary>
    Ignore = 0,

    /// <summary>Subtracted from the group requirement, floored at 0: <c>max(requirement − NOV, 0)</c> (SPAN premium-style).</summary>
    SubtractWithFloor = 1,
}
