namespace PortfolioMargin.Serialization;

/// <summary>What the price-history reader does with a day of the calendar that the file lacks.</summary>
public enum GapRule : byte
{
    /// <summary>
    /// Keep the history as it is: the day is absent and reported in <c>PriceSeries.Gaps</c> (default). A return that
    /// spans it covers two days; a back-test skips a loss window that ends on it (see <c>MarginBacktest</c>).
    /// </summary>
    Report = 0,

    /// <summary>Refuse the file: a <see cref="MarginFileException"/> names the first missing day and the line after it.</summary>
    Refuse = 1,

    /// <summary>
    /// Insert the day with the previous close as open, high, low and close and zero volume, marked as filled (reported in
    /// <c>PriceSeries.Gaps</c> with <c>Filled</c> true): a zero return on the missing day and the whole move on the next.
    /// </summary>
    FillForward = 2,
}
