namespace PortfolioMargin.Serialization;

/// <summary>What the price-history reader does with a date listed on more than one row.</summary>
public enum DuplicateDateRule : byte
{
    /// <summary>Refuse the file: a <see cref="MarginFileException"/> names the date and the lines (default).</summary>
    Refuse = 0,

    /// <summary>Keep the first row of the date, drop the others (recorded in <c>PriceSeries.Duplicates</c>).</summary>
    KeepFirst = 1,

    /// <summary>Keep the last row of the date, drop the others (recorded).</summary>
    KeepLast = 2,

    /// <summary>
    /// Keep the row whose close is nearest, in <c>|ln(close / open_next)|</c>, to the open of the next date's row — the
    /// row the series continues from; ties go to the first. Needs an <c>Open</c> column and a next row (on the last
    /// date: the row whose open is nearest the previous close). For the bundled Yahoo files, whose duplicates are a
    /// daylight-saving artefact on the last Sunday of March, this picks the row that chains to the next day (recorded).
    /// </summary>
    KeepMatchingNextOpen = 3,
}
