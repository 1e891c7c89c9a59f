using PortfolioMargin.Models.Grid;
using Xunit;
using PortfolioMargin.Models;
using static PortfolioMargin.Tests.Models.Grid.TestGrids;

namespace PortfolioMargin.Tests.Models.Grid;

/// <summary>
/// A group whose deltas net to zero must not take part in an inter-group spread: in floating point 0.1 + 0.2 − 0.3 is
/// 5.6e-17, and with WPR = price risk / |net delta| a spread of n = 5.6e-17 would grant the full price risk × rate as a
/// credit (the defect found in the SPAN calculator by the split-invariance property).
/// </summary>
public sealed class GridNetDeltaResidueTests
{
    [Fact]
    public void A_netted_to_zero_delta_forms_no_inter_group_spread()
    {
        var parameters = new GridParameters("residue", new Dictionary<string, GridGroupParameters>
        {
            ["CORN"] = new(Classic16(0.1, 0)),
            ["SOY"] = new(Classic16(0.1, 0)),
        }, [new InterGroupSpread(1, 0.5, [new InterSpreadLeg("CORN", 1, SpreadSide.A), new InterSpreadLeg("SOY", 1, SpreadSide.B)])]);
        GridResult r = GridCalculator.Compute("test", Currency.Usd,
        [
            Position(0, "CORN", LinearFutureArray(1000), delta: 0.1, units: 0.1),
            Position(1, "CORN", LinearFutureArray(1000), delta: 0.2, units: 0.2),
            Position(2, "CORN", LinearFutureArray(-1000), delta: -0.3, units: -0.3),
            Position(3, "SOY", LinearFutureArray(-2500), delta: -1, units: -1),
        ], parameters);
        Assert.NotEqual(0.0, 0.1 + 0.2 - 0.3); // the residue this test is about
        Assert.Equal(0, r.Groups[0].NetDelta);
        Assert.Empty(r.InterSpreads);
        Assert.All(r.Groups, g => Assert.Equal(0, g.InterCredit));
    }
}
