using System.Collections.Immutable;

namespace PortfolioMargin.Models.Grid;

/// <summary>An expiry tier of a risk group: positions whose days to expiry lie in <c>[FromDays, ToDays)</c> (spot and perpetuals have 0 days).</summary>
/// <param name="Number">Tier number used by spread rules.</param>
/// <param name="FromDays">Inclusive lower bound in days to expiry.</param>
/// <param name="ToDays">Exclusive upper bound in days to expiry.</param>
public sealed record ExpiryTier(int Number, double FromDays, double ToDays)
{
    /// <summary>True when a position <paramref name="daysToExpiry"/> days from expiry falls in the tier.</summary>
    public bool Contains(double daysToExpiry) => daysToExpiry >= FromDays && daysToExpiry < ToDays;
}
