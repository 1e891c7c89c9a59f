using PortfolioMargin.Models.VaR;
using PortfolioMargin.Serialization;
using Xunit;

namespace PortfolioMargin.Tests.Serialization;

public sealed class VaRParametersJsonTests
{
    internal const string Example = """
        {
          "format": "portfoliomargin/var-parameters",
          "version": 1,
          "factors": {
            "labels": ["BTC", "ETH"],
            "volatilities": [0.60, 0.75],
            "unit": "annual",
            "daysPerYear": 365,
            "correlation": [[1.0, 0.85], [0.85, 1.0]]
          },
          "options": { "confidence": 0.99, "horizonDays": 1, "measure": "valueAtRisk", "multiplier": 1 }
        }
        """;

    [Fact]
    public void The_documented_example_reads_to_the_factor_set_built_in_code()
    {
        VaRParameters p = VaRParametersJson.Parse(Example);
        VaRFactors expected = VaRFactors.Create(["BTC", "ETH"], [0.60, 0.75], new double[,] { { 1, 0.85 }, { 0.85, 1 } }, VolatilityUnit.Annual, 365);
        Assert.Equal(expected.Labels, p.Factors.Labels);
        Assert.Equal(expected.DailyVolatilities.ToArray(), p.Factors.DailyVolatilities.ToArray());
        Assert.Equal(0.60 / Math.Sqrt(365), p.Factors.DailyVolatilities[0], 1e-15);
        Assert.Equal(0.85, p.Factors.Correlation[0, 1]);
        Assert.Equal(0.99, p.Options.Confidence);
        Assert.Equal(VaRMeasure.ValueAtRisk, p.Options.Measure);
    }

    [Fact]
    public void Round_trip_keeps_factors_and_options()
    {
        var original = new VaRParameters(
            VaRFactors.Create(["BTC", "ETH", "SOL"], [0.03, 0.04, 0.06], new double[,] { { 1, 0.8, 0.7 }, { 0.8, 1, 0.75 }, { 0.7, 0.75, 1 } }),
            new VaROptions { Confidence = 0.975, HorizonDays = 2, Measure = VaRMeasure.ExpectedShortfall, Multiplier = 1.5, StressCorrelationRepair = CorrelationRepair.NearestCorrelation });
        string json = VaRParametersJson.ToJson(original);
        VaRParameters back = VaRParametersJson.Parse(json);
        Assert.Equal(original.Factors.Labels, back.Factors.Labels);
        Assert.Equal(original.Factors.DailyVolatilities.ToArray(), back.Factors.DailyVolatilities.ToArray());
        Assert.Equal(original.Factors.Correlation.ToArray(), back.Factors.Correlation.ToArray());
        Assert.Equal(original.Options, back.Options);
        Assert.Equal(json, VaRParametersJson.ToJson(back));
    }

    [Fact]
    public void A_ragged_correlation_row_is_named_by_its_path()
    {
        var ex = Assert.Throws<MarginFileException>(() => VaRParametersJson.Parse(Example.Replace("[0.85, 1.0]]", "[0.85]]", StringComparison.Ordinal)));
        Assert.Equal("$.factors.correlation[1]", ex.Path);
    }

    [Fact]
    public void A_non_psd_matrix_is_refused_unless_the_file_asks_for_a_repair()
    {
        string bad = Example
            .Replace("[\"BTC\", \"ETH\"]", "[\"BTC\", \"ETH\", \"SOL\"]", StringComparison.Ordinal)
            .Replace("[0.60, 0.75]", "[0.60, 0.75, 0.9]", StringComparison.Ordinal)
            .Replace("[[1.0, 0.85], [0.85, 1.0]]", "[[1, 0.9, 0.9], [0.9, 1, -0.2], [0.9, -0.2, 1]]", StringComparison.Ordinal);
        var ex = Assert.Throws<MarginFileException>(() => VaRParametersJson.Parse(bad));
        Assert.Equal("$.factors", ex.Path);
        Assert.Contains("PositiveSemiDefinite", ex.Message, StringComparison.Ordinal);

        VaRParameters repaired = VaRParametersJson.Parse(bad.Replace("\"unit\": \"annual\"", "\"unit\": \"annual\", \"repair\": \"nearestCorrelation\"", StringComparison.Ordinal));
        Assert.NotNull(repaired.Factors.Repair);
        Assert.True(repaired.Factors.Correlation.SmallestEigenvalue() > -1e-10);
    }

    [Theory]
    [InlineData("\"measure\": \"valueAtRisk\"", "\"measure\": \"var\"", "$.options")]
    [InlineData("\"unit\": \"annual\"", "\"unit\": \"yearly\"", "$.factors.unit")]
    [InlineData("\"confidence\": 0.99", "\"confidence\": 1.5", "$.options")]
    [InlineData("[0.60, 0.75]", "[0.60]", "$.factors.volatilities")]
    public void Bad_fields_are_named_by_their_path(string from, string to, string path)
    {
        var ex = Assert.Throws<MarginFileException>(() => VaRParametersJson.Parse(Example.Replace(from, to, StringComparison.Ordinal)));
        Assert.Equal(path, ex.Path);
    }

    [Fact]
    public void List_limits_apply_to_factor_labels()
    {
        var ex = Assert.Throws<MarginFileException>(() => VaRParametersJson.Parse(Example, new MarginFileOptions { MaxListLength = 1 }));
        Assert.Contains("MaxListLength", ex.Message, StringComparison.Ordinal);
    }
}
