using System.Collections.Immutable;

namespace PortfolioMargin.MarketData;

/// <summary>A day of the calendar on which one or more series have no price of their own. Immutable.</summary>
/// <param name="Date">The missing day.</param>
/// <param name="Symbols">The underlyings without a source price that day (ordinal order).</param>
/// <param name="Filled">True when the day was filled forward with the previous close (it is then in the history); false when it is absent.</param>
public sealed record PriceGap(DateOnly Date, ImmutableArray<string> Symbols, bool Filled);
