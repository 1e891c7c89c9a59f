using PortfolioMargin.Solvency;
using Xunit;

namespace PortfolioMargin.Tests.Solvency.Backtesting.Statistics;

/// <summary>Peak-to-trough ratio and largest n-day increase on hand-made margin series.</summary>
public sealed class ProcyclicalityMeasuresTests
{
    private static readonly DateOnly D0 = new(2024, 1, 1);

    private static BacktestObservation[] Series(params double[] margins) =>
        [.. margins.Select((m, i) => new BacktestObservation(D0.AddDays(i), D0.AddDays(i + 1), m, 0))];

    [Fact]
    public void Peak_to_trough_and_largest_increases_of_a_hand_series()
    {
        // 100, 80, 120, 200, 150, 90: peak 200 (day 3), trough 80 (day 1); 2-day rises: 80 -> 200 (+120, +150 %).
        ProcyclicalityMeasures p = ProcyclicalityMeasures.Of(Series(100, 80, 120, 200, 150, 90), days: 2);
        Assert.Equal((200.0, D0.AddDays(3), 80.0, D0.AddDays(1)), (p.Peak, p.PeakDate, p.Trough, p.TroughDate));
        Assert.Equal(2.5, p.PeakToTrough);
        Assert.Equal((120.0, D0.AddDays(1)), (p.LargestIncrease, p.LargestIncreaseFrom));
        Assert.Equal((1.5, D0.AddDays(1)), (p.LargestRelativeIncrease, p.LargestRelativeIncreaseFrom));
        ProcyclicalityMeasures one = ProcyclicalityMeasures.Of(Series(100, 80, 120, 200, 150, 90), days: 1);
        Assert.Equal(80.0, one.LargestIncrease); // 120 -> 200, both absolute and relative
        Assert.Equal(80.0 / 120, one.LargestRelativeIncrease, 1e-15);
    }

    [Fact]
    public void A_falling_series_has_no_increase_and_a_zero_trough_has_no_ratio()
    {
        ProcyclicalityMeasures falling = ProcyclicalityMeasures.Of(Series(5, 4, 3), days: 1);
        Assert.Equal((0.0, (DateOnly?)null), (falling.LargestIncrease, falling.LargestIncreaseFrom));
        Assert.Null(ProcyclicalityMeasures.Of(Series(3, 0, 4), days: 1).PeakToTrough);
    }

    [Fact]
    public void The_window_is_in_calendar_days_so_missing_dates_are_not_paired()
    {
        BacktestObservation[] s = [new(D0, D0.AddDays(1), 10, 0), new(D0.AddDays(2), D0.AddDays(3), 30, 0), new(D0.AddDays(3), D0.AddDays(4), 31, 0)];
        Assert.Equal(1, ProcyclicalityMeasures.Of(s, days: 1).LargestIncrease);
        Assert.Equal(20, ProcyclicalityMeasures.Of(s, days: 2).LargestIncrease);
        Assert.Throws<ArgumentException>(() => ProcyclicalityMeasures.Of([s[1], s[0]], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ProcyclicalityMeasures.Of(s, 0));
    }
}
