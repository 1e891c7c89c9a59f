using PortfolioMargin.Correlation;
using Xunit;

namespace PortfolioMargin.Tests.Domain.Correlation;

public class CorrelationStressTests
{
    private static readonly string[] Abc = ["BTC", "ETH", "SOL"];

    [Fact]
    public void Blend_is_the_convex_formula_and_aligns_target_labels()
    {
        var c = new CorrelationMatrix(Abc, new double[,] { { 1, 0.5, 0.2 }, { 0.5, 1, 0.1 }, { 0.2, 0.1, 1 } });
        CorrelationMatrix s = CorrelationStress.BlendTowardsOne(c, 0.25);
        Assert.Equal((0.75 * 0.5) + 0.25, s["BTC", "ETH"], 1e-15);
        Assert.Equal((0.75 * 0.1) + 0.25, s["ETH", "SOL"], 1e-15);

        CorrelationMatrix target = CorrelationMatrix.Identity(["SOL", "BTC", "ETH"]);
        CorrelationMatrix half = CorrelationStress.Blend(c, target, 0.5);
        Assert.Equal(Abc, half.Labels);
        Assert.Equal(0.25, half["BTC", "ETH"], 1e-15);
        Assert.Equal(MatrixRule.Parameter, Assert.Throws<MatrixValidationException>(() => CorrelationStress.Blend(c, target, 1.5)).Rule);
    }

    [Fact]
    public void SetBlock_forces_the_block_then_repairs_explicitly()
    {
        // BTC and ETH forced to 0.99 while their correlations to SOL differ strongly: the override is not PSD.
        var c = new CorrelationMatrix(Abc, new double[,] { { 1, 0.3, 0.7 }, { 0.3, 1, -0.2 }, { 0.7, -0.2, 1 } });
        RepairResult r = CorrelationStress.SetBlock(c, ["BTC", "ETH"], 0.99);
        Assert.NotEqual(RepairMethod.None, r.Method);
        Assert.True(r.SmallestEigenvalueBefore < 0);
        Assert.True(r.Converged);
        Assert.True(r.Matrix["BTC", "ETH"] > 0.75, r.ToString());

        // Heavier weights on the block keep the stressed pair closer to the override.
        RepairResult weighted = CorrelationStress.SetBlock(c, ["BTC", "ETH"], 0.99, new NearestCorrelationOptions { Weights = [10, 10, 1] });
        Assert.True(weighted.Matrix["BTC", "ETH"] > r.Matrix["BTC", "ETH"]);
        Assert.True(r.SmallestEigenvalueAfter > -1e-10);

        // A block override that stays PSD is returned unchanged.
        RepairResult ok = CorrelationStress.SetBlock(CorrelationMatrix.Identity(Abc), ["BTC", "SOL"], 0.6);
        Assert.Equal(RepairMethod.None, ok.Method);
        Assert.Equal(0.6, ok.Matrix["SOL", "BTC"]);
        Assert.Equal(MatrixRule.UnknownLabel, Assert.Throws<MatrixValidationException>(() => CorrelationStress.SetBlock(c, ["BTC", "XRP"], 0.5)).Rule);
    }
}
