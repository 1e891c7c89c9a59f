using PortfolioMargin.Solvency;
using Xunit;

namespace PortfolioMargin.Tests.Solvency.Backtesting.Statistics;

/// <summary>
/// The Basel traffic light against BCBS, "Supervisory framework for the use of 'backtesting' in conjunction with the
/// internal models approach to market risk capital requirements" (January 1996), Table 2: 250 observations at 99 %.
/// </summary>
public sealed class TrafficLightTests
{
    /// <summary>Table 2: number of exceptions, cumulative probability (%), zone, plus factor.</summary>
    [Theory]
    [InlineData(0, 8.11, TrafficLightZone.Green, 0.00)]
    [InlineData(1, 28.58, TrafficLightZone.Green, 0.00)]
    [InlineData(2, 54.32, TrafficLightZone.Green, 0.00)]
    [InlineData(3, 75.81, TrafficLightZone.Green, 0.00)]
    [InlineData(4, 89.22, TrafficLightZone.Green, 0.00)]
    [InlineData(5, 95.88, TrafficLightZone.Yellow, 0.40)]
    [InlineData(6, 98.63, TrafficLightZone.Yellow, 0.50)]
    [InlineData(7, 99.60, TrafficLightZone.Yellow, 0.65)]
    [InlineData(8, 99.89, TrafficLightZone.Yellow, 0.75)]
    [InlineData(9, 99.97, TrafficLightZone.Yellow, 0.85)]
    [InlineData(10, 99.99, TrafficLightZone.Red, 1.00)]
    public void Basel_1996_table_for_250_observations_at_99_percent(int breaches, double cumulativePercent, TrafficLightZone zone, double plus)
    {
        TrafficLight t = TrafficLight.Of(250, breaches);
        Assert.Equal(cumulativePercent, Math.Round(t.CumulativeProbability * 100, 2));
        Assert.Equal(zone, t.Zone);
        Assert.Equal(plus, t.PlusFactor);
    }

    [Fact]
    public void More_than_ten_breaches_stay_red_with_plus_factor_one()
    {
        Assert.Equal((TrafficLightZone.Red, (double?)1.0), (TrafficLight.Of(250, 40).Zone, TrafficLight.Of(250, 40).PlusFactor));
    }

    [Fact]
    public void General_binomial_form_for_other_sample_sizes_has_no_plus_factor()
    {
        // 1,000 observations at 99 %: P(X <= 14) = 0.9176 (green), P(X <= 15) = 0.9521 (yellow), red from 24 (P = 0.99996).
        Assert.Equal(TrafficLightZone.Green, TrafficLight.Of(1000, 14).Zone);
        Assert.Equal(TrafficLightZone.Yellow, TrafficLight.Of(1000, 15).Zone);
        int firstRed = Enumerable.Range(0, 1000).First(x => TrafficLight.Of(1000, x).Zone == TrafficLightZone.Red);
        Assert.Equal(24, firstRed);
        Assert.True(TrafficLight.Of(1000, firstRed - 1).CumulativeProbability < TrafficLight.RedFrom);
        Assert.True(TrafficLight.Of(1000, firstRed).CumulativeProbability >= TrafficLight.RedFrom);
        Assert.Null(TrafficLight.Of(1000, 14).PlusFactor);
        Assert.Null(TrafficLight.Of(250, 3, 0.05).PlusFactor);
    }

    [Fact]
    public void Zones_never_improve_as_breaches_rise()
    {
        TrafficLightZone previous = TrafficLightZone.Green;
        for (int x = 0; x <= 500; x++)
        {
            TrafficLightZone z = TrafficLight.Of(500, x, 0.025).Zone;
            Assert.True(z >= previous, $"breaches {x}");
            previous = z;
        }
    }
}
