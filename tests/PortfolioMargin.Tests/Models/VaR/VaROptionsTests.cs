using PortfolioMargin.Correlation;
using PortfolioMargin.Models.VaR;
using PortfolioMargin.Serialization;
using Xunit;

namespace PortfolioMargin.Tests.Models.VaR;

/// <summary>Issue 18 §5: the VaR multiplier is in (0, 1000] as documented; 0 (which would margin every book to 0) is refused by every VaR model and the reader.</summary>
public sealed class VaROptionsTests
{
    private static readonly VaRFactors Factors = VaRFactors.Create(CorrelationMatrix.Identity(["A"]), [0.02]);

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(1000.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_multiplier_outside_0_to_1000_is_refused_by_every_model(double multiplier)
    {
        var options = new VaROptions { Multiplier = multiplier };
        foreach (Action create in (Action[])
            [
                () => _ = new DeltaNormalVaR(Factors, options),
                () => _ = new DeltaGammaVaR(Factors, options),
                () => _ = new MonteCarloVaR(Factors, options),
                () => _ = new HistoricalVaR(["A"], new double[,] { { 0.01 } }, options),
            ])
        {
            ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(create);
            Assert.Equal(nameof(VaROptions.Multiplier), e.ParamName);
            Assert.Contains("VaR multiplier must be in (0, 1000]", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_multiplier_of_0_in_a_file_is_refused_at_its_path()
    {
        MarginFileException e = Assert.Throws<MarginFileException>(() => VaRParametersJson.Parse(
            PortfolioMargin.Tests.Serialization.VaRParametersJsonTests.Example.Replace("\"multiplier\": 1", "\"multiplier\": 0", StringComparison.Ordinal)));
        Assert.Equal("$.options", e.Path);
        Assert.Contains("VaR multiplier must be in (0, 1000]", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1e-9)]
    [InlineData(1.0)]
    [InlineData(1000.0)]
    public void A_multiplier_in_range_is_accepted(double multiplier) =>
        Assert.Equal(multiplier, new DeltaNormalVaR(Factors, new VaROptions { Multiplier = multiplier }).Options.Multiplier);
}
