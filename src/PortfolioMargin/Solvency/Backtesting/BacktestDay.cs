namespace PortfolioMargin.Solvency;

/// <summary>A date of a back-test, as a <see cref="MarginModelSchedule"/> sees it. Immutable.</summary>
/// <param name="Index">Index of the date in <c>Market.Dates</c>.</param>
/// <param name="Date">The date.</param>
/// <param name="Market">The back-test market.</param>
public sealed record BacktestDay(int Index, DateOnly Date, IBacktestMarket Market);
