using PortfolioMargin.Models;
using Xunit;

namespace PortfolioMargin.Tests.Models.GroupArithmetic;

/// <summary>
/// The one group arithmetic the grid and SPAN-file models share (spec §6.2, span-xml §3): scan risk and ties, the scan
/// decomposition under both price-risk definitions on the same arrays, spread formation and the SOM count. Numbers by hand.
/// </summary>
public sealed class GroupArithmeticTests
{
    /// <summary>The classic 16: price 0, 0, ±1/3, ±2/3, ±1 in vol-up/vol-down pairs (weight 1), then ±3 extremes (weight 0.35, unpaired).</summary>
    private static readonly ScanLayout Classic16 = ScanLayout.From(
        [0, 0, 1.0 / 3, 1.0 / 3, -1.0 / 3, -1.0 / 3, 2.0 / 3, 2.0 / 3, -2.0 / 3, -2.0 / 3, 1, 1, -1, -1, 3, -3],
        [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0.35, 0.35],
        [1, 0, 3, 2, 5, 4, 7, 6, 9, 8, 11, 10, 13, 12, -1, -1]);

    /// <summary>Time risk 8 (scenarios 1, 2); the +1 move loses 60 in both vol variants, the −1 move 100 (vol up) and 0 (vol down).</summary>
    private static double[] Losses(double extremeDown = -5) => [10, 6, 20, 20, 20, 20, 40, 40, 40, 40, 60, 60, 100, 0, -5, extremeDown];

    [Fact]
    public void Both_price_risk_definitions_on_the_same_arrays()
    {
        double[] losses = Losses();
        (double scan, int binding) = ScanRisk.Of(losses);
        Assert.Equal((100.0, 12), (scan, binding)); // scenario 13 (index 12): −1 move, vol up
        Span<double> slots = stackalloc double[Classic16.Slots];

        // SPAN: the binding scenario and its pair (scenario 14): (100 + 0) / 2 − time 8 = 42.
        (double time, double paired) = ScanRisk.Decompose(losses, Classic16, PriceRiskMethod.PairedPoint, binding, slots);
        Assert.Equal((8.0, 42.0), (time, paired));

        // Grid: the worst mean over the vol variants of one price move: +1 → 60, −1 → 50; 60 − 8 = 52, whichever scenario binds.
        (double time2, double worst) = ScanRisk.Decompose(losses, Classic16, PriceRiskMethod.WorstMoveMean, binding, slots);
        Assert.Equal((8.0, 52.0), (time2, worst));
    }

    [Fact]
    public void An_unpaired_extreme_binding_counts_alone_for_span_and_not_at_all_for_the_grid()
    {
        double[] losses = Losses(extremeDown: 200);
        (double scan, int binding) = ScanRisk.Of(losses);
        Assert.Equal((200.0, 15), (scan, binding));
        Span<double> slots = stackalloc double[Classic16.Slots];
        Assert.Equal(192.0, ScanRisk.Decompose(losses, Classic16, PriceRiskMethod.PairedPoint, binding, slots).Price);      // 200 − 8
        Assert.Equal(52.0, ScanRisk.Decompose(losses, Classic16, PriceRiskMethod.WorstMoveMean, binding, slots).Price);     // weight-0.35 moves are not slots
        Assert.Equal(0.0, ScanRisk.Decompose(losses, Classic16, PriceRiskMethod.PairedPoint, -1, slots).Price);             // nothing loses
    }

    [Fact]
    public void The_first_maximum_binds_and_ties_are_within_one_relative_tolerance()
    {
        double[] losses = [1, 5, 5 * (1 - 5e-10), 5 * (1 - 5e-9), 5];
        (double scan, int binding) = ScanRisk.Of(losses);
        Assert.Equal((5.0, 1), (scan, binding));
        Assert.Equal([2, 4], Enumerable.Range(0, losses.Length).Where(j => ScanRisk.Ties(losses, binding, j)));
        Assert.Equal((0.0, -1), ScanRisk.Of([-1, 0, -3]));
    }

    [Fact]
    public void A_spread_over_several_buckets_consumes_pro_rata_and_stops_at_the_smaller_leg()
    {
        // Leg A covers buckets 0 and 2 (+3 and +1), leg B bucket 1 (−2), one delta per spread each: n = min(4, 2) = 2.
        // A gives 2 pro rata its same-sign deltas: 1.5 from bucket 0 and 0.5 from bucket 2; B gives its 2.
        double[] remaining = [3, -2, 1];
        Span<double> legDelta = stackalloc double[2], consumed = stackalloc double[3];
        double n = DeltaSpreads.Form(remaining, [0, 2, 1], [2, 3], [SpreadSide.A, SpreadSide.B], [1, 1], legDelta, consumed);
        Assert.Equal(2, n);
        Assert.Equal([1.5, 0, 0.5], remaining);
        Assert.Equal([1.5, 0.5, 2.0], consumed.ToArray());
        Assert.Equal([4.0, -2.0], legDelta.ToArray());
    }

    [Fact]
    public void No_spread_forms_without_opposite_sides_and_nothing_is_consumed()
    {
        double[] same = [3, 2];
        Span<double> legDelta = stackalloc double[2], consumed = stackalloc double[2];
        Assert.Equal(0, DeltaSpreads.Form(same, [0, 1], [1, 2], [SpreadSide.A, SpreadSide.B], [1, 1], legDelta, consumed));
        Assert.Equal([3.0, 2.0], same);
        double[] empty = [0, -2];
        Assert.Equal(0, DeltaSpreads.Form(empty, [0, 1], [1, 2], [SpreadSide.A, SpreadSide.B], [1, 1], legDelta, consumed));
        // Two B legs must share a sign opposite to A's.
        double[] three = [2, -1, 1];
        Span<double> legDelta3 = stackalloc double[3], consumed3 = stackalloc double[3];
        Assert.Equal(0, DeltaSpreads.Form(three, [0, 1, 2], [1, 2, 3], [SpreadSide.A, SpreadSide.B, SpreadSide.B], [1, 1, 1], legDelta3, consumed3));
    }

    [Fact]
    public void A_rounding_residue_is_zero()
    {
        // 0.3 / 0.1 spreads of ratio 0.1 leave 0.3 − 2.9999999999999996 · 0.1 ≈ 5.6e-17 without the snap.
        double[] remaining = [0.3, -0.3];
        Span<double> legDelta = stackalloc double[2], consumed = stackalloc double[2];
        double n = DeltaSpreads.Form(remaining, [0, 1], [1, 2], [SpreadSide.A, SpreadSide.B], [0.1, 0.1], legDelta, consumed);
        Assert.Equal(0.3 / 0.1, n);
        Assert.Equal([0.0, 0.0], remaining);
        Assert.Equal(0.0, DeltaSpreads.Snap(0.1 + 0.2 - 0.3, 0.6));
        Assert.Equal(1e-6, DeltaSpreads.Snap(1e-6, 0.6));
    }

    [Theory]
    [InlineData(3, 2, ShortOptionMinimumMethod.MaxOfSides, 3, true, false)]
    [InlineData(2, 3, ShortOptionMinimumMethod.MaxOfSides, 3, false, true)]
    [InlineData(2, 2, ShortOptionMinimumMethod.MaxOfSides, 2, true, false)]
    [InlineData(3, 2, ShortOptionMinimumMethod.Gross, 5, true, true)]
    public void Short_option_minimum_counts_and_charged_sides(double calls, double puts, ShortOptionMinimumMethod method, double count, bool callSide, bool putSide)
    {
        Assert.Equal(count, ShortOptionMinimum.Count(calls, puts, method));
        Assert.Equal((callSide, putSide), ShortOptionMinimum.ChargedSides(calls, puts, method));
        Assert.Equal(7, ShortOptionMinimum.Requirement(5, 7, out bool binds));
        Assert.True(binds);
    }
}
