using PortfolioMargin.Models.AddOns;
using Xunit;

namespace PortfolioMargin.Tests.Models.AddOns;

/// <summary>
/// Concentration schedules. The linear ramp reproduces dYdX v4's liquidity tiers
/// (<c>dydxprotocol/v4-chain</c>, <c>protocol/x/perpetuals/types/liquidity_tier_test.go</c>): base IMF 20 % raised by
/// <c>SF·(1 − base)</c> with <c>SF = (OI − lower)/(upper − lower)</c>, on a quote of 500,000.
/// </summary>
public sealed class ConcentrationScheduleTests
{
    [Theory]
    [InlineData(1.5e12, 1e12, 2e12, 300_000)]       // SF 0.5 -> IMF 60 %
    [InlineData(8e13, 2.5e13, 5e13, 500_000)]       // above the upper cap -> IMF 100 %
    [InlineData(2.5e13, 2.5e13, 5e13, 100_000)]     // at the lower cap -> base 20 %
    [InlineData(28_123_456_789_123, 2.5e13, 6e13, 135_697)] // dYdX rounds the requirement up
    public void Linear_ramp_reproduces_dYdX_liquidity_tier_vectors(double openInterest, double lower, double upper, double expected)
    {
        const double Base = 0.20, Quote = 500_000;
        var schedule = ConcentrationSchedule.Linear(lower, upper, maxRate: 1 - Base);
        double requirement = (Base + schedule.Rate(openInterest)) * Quote;
        Assert.Equal(expected, Math.Ceiling(requirement - 1e-6));
    }

    [Fact]
    public void Square_root_schedule_follows_its_closed_form_and_cap()
    {
        var s = ConcentrationSchedule.SquareRoot(threshold: 0.1, coefficient: 0.05, maxRate: 0.2);
        Assert.Equal(0, s.Rate(0.05));
        Assert.Equal(0.05 * Math.Sqrt(0.9), s.Rate(1.0), 1e-15);
        Assert.Equal(0.2, s.Rate(1_000));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConcentrationSchedule.Linear(1, 1, 0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConcentrationSchedule.SquareRoot(0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => s.Rate(-1));
    }
}
