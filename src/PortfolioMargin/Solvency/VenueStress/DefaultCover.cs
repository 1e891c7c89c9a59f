using System.Collections.Immutable;

namespace PortfolioMargin.Solvency;

/// <summary>A Cover-n figure: the sum of the n largest uncovered losses and who they belong to. Immutable.</summary>
/// <param name="Standard">Cover-1 or Cover-2.</param>
/// <param name="Level">Accounts or members.</param>
/// <param name="Amount">Sum of the n largest uncovered losses (report currency).</param>
/// <param name="Defaulters">The accounts or members behind it, largest first (only those with an uncovered loss &gt; 0).</param>
public sealed record DefaultCover(CoverStandard Standard, DefaulterLevel Level, double Amount, ImmutableArray<string> Defaulters);
