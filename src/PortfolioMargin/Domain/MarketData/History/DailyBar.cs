namespace PortfolioMargin.MarketData;

/// <summary>
/// One day of prices of one underlying, in its quote currency: the close and, when the source has them, open, high,
/// low and traded volume. A value type; <see cref="PriceSeries"/> validates it.
/// </summary>
/// <param name="Date">The day.</param>
/// <param name="Close">Closing price; finite, &gt; 0.</param>
/// <param name="Open">Opening price, or null when the source has no open.</param>
/// <param name="High">Highest price, or null.</param>
/// <param name="Low">Lowest price, or null.</param>
/// <param name="Volume">Traded volume as the source states it (for the bundled Yahoo files: in the quote currency), or null.</param>
public readonly record struct DailyBar(DateOnly Date, double Close, double? Open = null, double? High = null, double? Low = null, double? Volume = null);
