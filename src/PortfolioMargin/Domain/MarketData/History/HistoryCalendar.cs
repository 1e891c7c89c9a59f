namespace PortfolioMargin.MarketData;

/// <summary>The days on which a price history is expected to have a price; a day of the calendar without one is a gap.</summary>
public enum HistoryCalendar : byte
{
    /// <summary>Every calendar day (crypto trades around the clock, weekends included).</summary>
    EveryDay = 0,

    /// <summary>Monday to Friday (exchange-traded products; holidays then show as gaps).</summary>
    Weekdays = 1,
}
