using PortfolioMargin.Models.SpanFiles;
using PortfolioMargin.Serialization;
using Xunit;

namespace PortfolioMargin.Tests.Models.SpanFiles;

/// <summary>
/// Regression: a book whose NQ delta nets to zero left a 2e-12 rounding residue when its positions were split, which
/// formed the ES/NQ inter-commodity spread and, through WPR = price risk / |net delta|, granted ES a spurious credit of
/// 24,004 (found by the split-invariance property). Deltas within 1e-12 of their gross are now exactly zero.
/// </summary>
public sealed class SpanNetDeltaResidueTests
{
    private static readonly int[] Q =
    [
        568, -756, 143, 194, 51, -194, 446, -141, 945, -847, -978, -162, 784, -50, 205, 810, 39, -161, -259, 180, -116, 1000, -463, 770, 58, 461,
        812, 101, -706, 83, -877, 406, -628, -491, 753,
    ];

    [Fact]
    public void A_delta_that_nets_to_zero_forms_no_spread_whether_or_not_positions_are_split()
    {
        var options = new SpanTestOptions { ComputeStandalone = false, InitialRateId = 2 };
        var positions = SpanPropertyTests.Positions(Q);
        var split = positions.SelectMany(p => new[] { SpanTestPosition.ById(p.Id!.Value, p.Quantity * 0.25), SpanTestPosition.ById(p.Id!.Value, p.Quantity * 0.75) }).ToList();
        SpanTestResult whole = SpanHarness.Calculate(SpanPropertyTests.Book, positions, options);
        SpanTestResult parts = SpanHarness.Calculate(SpanPropertyTests.Book, split, options);
        Assert.Equal(whole.MaintenanceMargin, parts.MaintenanceMargin, 1e-6);
        Assert.All(parts.CombinedCommodities, c => Assert.True(Math.Abs(c.InterCredit) < 1e-6, $"{c.Code} credit {c.InterCredit}")); // no spurious credit (was 24,004 for ES)
        Assert.True(whole.MaintenanceMargin > 10_000, $"margin {whole.MaintenanceMargin}");
    }
}
