using PortfolioMargin.Scenarios;
using PortfolioMargin.Solvency;
using Xunit;

namespace PortfolioMargin.Tests.Solvency;

/// <summary>Historical scenarios replayed from the real BTC/ETH history.</summary>
public sealed class HistoricalScenariosTests
{
    [Fact]
    public void The_march_2020_crash_day_replays_the_closes()
    {
        Scenario s = HistoricalScenarios.Window(CryptoDaily.History, new DateOnly(2020, 3, 11), new DateOnly(2020, 3, 12), volMove: 0.5);
        Assert.Equal("HIST-2020-03-12-1D", s.Id);
        Assert.Equal((4970.7880859375 / 7911.43017578125) - 1, s.Shocks["BTC"].PriceMove, 1e-15);
        Assert.Equal((112.34712219238281 / 194.8685302734375) - 1, s.Shocks["ETH"].PriceMove, 1e-15);
        Assert.Equal(0.5, s.Shocks["ETH"].VolMove);
        Assert.Contains("BTC -37.2%, ETH -42.3%", s.Name, StringComparison.Ordinal);
    }

    [Fact]
    public void The_worst_one_day_fall_of_2016_2020_is_12_march_2020_and_windows_do_not_overlap()
    {
        var worst = HistoricalScenarios.Worst(CryptoDaily.History, days: 7, count: 5);
        Assert.Equal(5, worst.Length);
        DateOnly[] ends = [.. worst.Select(w => DateOnly.ParseExact(w.Id.Substring(5, 10), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))];
        Assert.All(ends, e => Assert.All(ends.Where(x => x != e), x => Assert.True(Math.Abs(x.DayNumber - e.DayNumber) >= 7)));
        Assert.Equal("HIST-2020-03-12-1D", HistoricalScenarios.Worst(CryptoDaily.History, days: 1, count: 1).Single().Id);
        var rises = HistoricalScenarios.Worst(CryptoDaily.History, days: 1, count: 3, MoveDirection.Rises);
        Assert.All(rises, r => Assert.True(r.Shocks.Values.Average(x => x.PriceMove) > 0));
        Assert.Throws<ArgumentException>(() => HistoricalScenarios.Window(CryptoDaily.History, new DateOnly(2020, 4, 16), new DateOnly(2020, 4, 17)));
    }
}
