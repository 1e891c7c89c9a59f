using PortfolioMargin.MarketData;

namespace PortfolioMargin.Serialization;

/// <summary>
/// Options of <see cref="PriceHistoryCsv"/>: the duplicate and gap rules, the calendar, the close column and input
/// limits. Immutable; e.g. <c>PriceHistoryCsvOptions.Default with { Duplicates = DuplicateDateRule.KeepMatchingNextOpen }</c>.
/// </summary>
public sealed record PriceHistoryCsvOptions
{
    /// <summary>Refuse duplicates, report gaps, every-day calendar, the <c>Close</c> column, default limits.</summary>
    public static PriceHistoryCsvOptions Default { get; } = new();

    /// <summary>Rule for a date listed twice; default <see cref="DuplicateDateRule.Refuse"/>.</summary>
    public DuplicateDateRule Duplicates { get; init; } = DuplicateDateRule.Refuse;

    /// <summary>Rule for a missing day of the calendar; default <see cref="GapRule.Report"/>.</summary>
    public GapRule Gaps { get; init; } = GapRule.Report;

    /// <summary>The days a price is expected on; default <see cref="HistoryCalendar.EveryDay"/>.</summary>
    public HistoryCalendar Calendar { get; init; } = HistoryCalendar.EveryDay;

    /// <summary>Name of the column read as the close (matched without regard to case); default <c>Close</c> (e.g. <c>Adj Close</c> for adjusted prices).</summary>
    public string CloseColumn { get; init; } = "Close";

    /// <summary>Most data rows per file; default 1,000,000.</summary>
    public int MaxRows { get; init; } = 1_000_000;

    /// <summary>Longest line in characters; default 4,096.</summary>
    public int MaxLineLength { get; init; } = 4_096;

    /// <summary>Largest file in characters; default 64 MiB.</summary>
    public long MaxDocumentChars { get; init; } = 64L * 1024 * 1024;

    internal void Validate()
    {
        if (!Enum.IsDefined(Duplicates) || !Enum.IsDefined(Gaps) || !Enum.IsDefined(Calendar))
        {
            throw new ArgumentOutOfRangeException(nameof(Duplicates), "Unknown duplicate rule, gap rule or calendar.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(CloseColumn);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxLineLength, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDocumentChars, 1);
    }
}
