namespace PortfolioMargin.MarketData;

/// <summary>How a time interval becomes a year fraction. The default everywhere is <see cref="Act365Fixed"/>.</summary>
public enum DayCount : byte
{
    /// <summary>Actual elapsed time / 365 days (crypto and most option markets).</summary>
    Act365Fixed = 0,

    /// <summary>Actual elapsed time / 360 days.</summary>
    Act360 = 1,

    /// <summary>Actual elapsed time / 365.25 days.</summary>
    Act36525 = 2,
}

/// <summary>Year-fraction arithmetic for <see cref="DayCount"/>.</summary>
public static class DayCountExtensions
{
    /// <summary>Days in a year under the convention.</summary>
    public static double DaysPerYear(this DayCount dayCount) => dayCount switch
    {
        DayCount.Act365Fixed => 365.0,
        DayCount.Act360 => 360.0,
        DayCount.Act36525 => 365.25,
        _ => throw new ArgumentOutOfRangeException(nameof(dayCount), dayCount, "Unknown day count convention."),
    };

    /// <summary>Year fraction from <paramref name="start"/> to <paramref name="end"/> (negative when end is earlier), to the tick.</summary>
    public static double YearFraction(this DayCount dayCount, DateTimeOffset start, DateTimeOffset end) =>
        (end - start).TotalDays / dayCount.DaysPerYear();
}
