using System.Collections.Immutable;

namespace PortfolioMargin.MarketData;

/// <summary>How a date that a source listed more than once was resolved (provenance kept with the series). Immutable.</summary>
/// <param name="Date">The duplicated date.</param>
/// <param name="KeptLine">1-based source line of the row kept.</param>
/// <param name="DroppedLines">1-based source lines of the rows dropped.</param>
/// <param name="Rule">The rule that chose, e.g. <c>keepMatchingNextOpen</c>, with the numbers it compared.</param>
public sealed record DuplicateResolution(DateOnly Date, long KeptLine, ImmutableArray<long> DroppedLines, string Rule);
