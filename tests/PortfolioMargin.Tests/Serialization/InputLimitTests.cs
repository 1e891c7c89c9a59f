using System.Text;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Scenarios;
using PortfolioMargin.Serialization;
using Xunit;
using static PortfolioMargin.Tests.Serialization.SerializationTestData;

namespace PortfolioMargin.Tests.Serialization;

/// <summary>Every input limit of <see cref="MarginFileOptions"/> is enforced with an error naming the limit and its value.</summary>
public sealed class InputLimitTests
{
    private static void AssertLimit(Action read, string limit, long value)
    {
        MarginFileException e = Assert.Throws<MarginFileException>(read);
        Assert.Contains($"{limit} = {value}", e.Message, StringComparison.Ordinal);
    }

    /// <summary>A stream that cannot seek, so its size is only known by reading it.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }

    [Fact]
    public void Defaults_are_as_documented()
    {
        MarginFileOptions d = MarginFileOptions.Default;
        Assert.Equal(256L * 1024 * 1024, d.MaxDocumentBytes);
        Assert.Equal(32, d.MaxDepth);
        Assert.Equal(1_000_000, d.MaxPositions);
        Assert.Equal(1_000_000, d.MaxInstruments);
        Assert.Equal(ScenarioSet.MaxScenarios, d.MaxScenarios);
        Assert.Equal(1_000, d.MaxSmilePoints);
        Assert.Equal(100_000, d.MaxListLength);
        Assert.Equal(4_096, d.MaxCsvLineLength);
    }

    [Fact]
    public void MaxDocumentBytes_applies_to_text_seekable_and_forward_only_streams()
    {
        var options = MarginFileOptions.Default with { MaxDocumentBytes = 100 };
        byte[] utf8 = Encoding.UTF8.GetBytes(PortfolioExample);
        AssertLimit(() => PortfolioJson.Parse(PortfolioExample, options), "MaxDocumentBytes", 100);
        AssertLimit(() => PortfolioJson.Read(new MemoryStream(utf8), options), "MaxDocumentBytes", 100);
        AssertLimit(() => PortfolioJson.Read(new ForwardOnlyStream(utf8), options), "MaxDocumentBytes", 100);
        Assert.Equal(4, PortfolioJson.Read(new ForwardOnlyStream(utf8), options with { MaxDocumentBytes = utf8.Length }).Count);
    }

    [Fact]
    public void MaxDepth_is_checked_before_the_document_is_deserialized()
    {
        string deep = PortfolioExample.Replace("\"positions\"", "\"x\": " + new string('[', 40) + new string(']', 40) + ", \"positions\"", StringComparison.Ordinal);
        AssertLimit(() => PortfolioJson.Parse(deep), "MaxDepth", 32);
        AssertLimit(() => PortfolioJson.Parse(PortfolioExample, MarginFileOptions.Default with { MaxDepth = 2 }), "MaxDepth", 2);
        Assert.Equal(4, PortfolioJson.Parse(PortfolioExample, MarginFileOptions.Default with { MaxDepth = 3 }).Count);
    }

    [Fact]
    public void MaxPositions_and_MaxInstruments()
    {
        MarginFileException e = Assert.Throws<MarginFileException>(() => PortfolioJson.Parse(PortfolioExample, MarginFileOptions.Default with { MaxPositions = 3 }));
        Assert.Equal("$.positions[3]", e.Path);
        Assert.Equal(20, e.LineNumber);
        Assert.Contains("MaxPositions = 3", e.Message, StringComparison.Ordinal);
        AssertLimit(() => PortfolioJson.Parse(PortfolioExample, MarginFileOptions.Default with { MaxInstruments = 2 }), "MaxInstruments", 2);
    }

    [Fact]
    public void MaxScenarios_applies_to_scenario_sets_alone_and_inside_grid_parameters()
    {
        AssertLimit(() => ScenarioSetJson.Parse(ScenarioSetExample, MarginFileOptions.Default with { MaxScenarios = 1 }), "MaxScenarios", 1);
        AssertLimit(() => GridParametersJson.Parse(GridParametersExample, MarginFileOptions.Default with { MaxScenarios = 1 }), "MaxScenarios", 1);
    }

    [Fact]
    public void MaxSmilePoints_and_MaxListLength()
    {
        AssertLimit(() => MarketSnapshotJson.Parse(MarketSnapshotExample, MarginFileOptions.Default with { MaxSmilePoints = 2 }), "MaxSmilePoints", 2);
        AssertLimit(() => MarketSnapshotJson.Parse(MarketSnapshotExample, MarginFileOptions.Default with { MaxListLength = 1 }), "MaxListLength", 1);
        AssertLimit(() => IsolatedRatesJson.Parse(IsolatedRatesExample, MarginFileOptions.Default with { MaxListLength = 0 }), "MaxListLength", 0);
    }

    [Fact]
    public void A_hostile_array_is_stopped_at_the_limit_not_after_it_is_materialized()
    {
        // 2 million numbers in a smile: refused while scanning, at element 1,001.
        string hostile = MarketSnapshotExample.Replace("[50000, 60000, 70000]", "[" + string.Join(',', Enumerable.Repeat("1", 2_000_000)) + "]", StringComparison.Ordinal);
        MarginFileException e = Assert.Throws<MarginFileException>(() => MarketSnapshotJson.Parse(hostile));
        Assert.Equal("$.volSurfaces[0].smile[0].strikes[1000]", e.Path);
        Assert.Contains("MaxSmilePoints = 1000", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_limits_line_length_rows_and_size()
    {
        var reader = () => new StringReader(PositionsCsvExample);
        AssertLimit(() => PositionCsv.Read(reader(), Underlyings, MarginFileOptions.Default with { MaxCsvLineLength = 40 }), "MaxCsvLineLength", 40);
        AssertLimit(() => PositionCsv.Read(reader(), Underlyings, MarginFileOptions.Default with { MaxPositions = 3 }), "MaxPositions", 3);
        AssertLimit(() => PositionCsv.Read(reader(), Underlyings, MarginFileOptions.Default with { MaxDocumentBytes = 150 }), "MaxDocumentBytes", 150);
        Assert.Equal(4, PositionCsv.Read(reader(), Underlyings, MarginFileOptions.Default with { MaxPositions = 4 }).Count);
        MarginFileException e = Assert.Throws<MarginFileException>(() => PositionCsv.Read(new StringReader(PositionCsv.Header + "\n" + new string('x', 10_000)), Underlyings));
        Assert.Equal(2, e.LineNumber);
        Assert.Equal(4_097, e.BytePositionInLine);
    }

    [Theory]
    [InlineData(nameof(MarginFileOptions.MaxDocumentBytes), 0)]
    [InlineData(nameof(MarginFileOptions.MaxDepth), 0)]
    [InlineData(nameof(MarginFileOptions.MaxDepth), 257)]
    [InlineData(nameof(MarginFileOptions.MaxPositions), -1)]
    [InlineData(nameof(MarginFileOptions.MaxPositions), Portfolio.MaxPositions + 1)]
    [InlineData(nameof(MarginFileOptions.MaxScenarios), ScenarioSet.MaxScenarios + 1)]
    [InlineData(nameof(MarginFileOptions.MaxScenarios), 0)]
    [InlineData(nameof(MarginFileOptions.MaxSmilePoints), 0)]
    [InlineData(nameof(MarginFileOptions.MaxInstruments), -1)]
    [InlineData(nameof(MarginFileOptions.MaxListLength), -1)]
    [InlineData(nameof(MarginFileOptions.MaxCsvLineLength), 15)]
    public void A_limit_outside_its_range_is_refused(string limit, int value)
    {
        ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(() => limit switch
        {
            nameof(MarginFileOptions.MaxDocumentBytes) => new MarginFileOptions { MaxDocumentBytes = value },
            nameof(MarginFileOptions.MaxDepth) => new MarginFileOptions { MaxDepth = value },
            nameof(MarginFileOptions.MaxPositions) => new MarginFileOptions { MaxPositions = value },
            nameof(MarginFileOptions.MaxScenarios) => new MarginFileOptions { MaxScenarios = value },
            nameof(MarginFileOptions.MaxSmilePoints) => new MarginFileOptions { MaxSmilePoints = value },
            nameof(MarginFileOptions.MaxInstruments) => new MarginFileOptions { MaxInstruments = value },
            nameof(MarginFileOptions.MaxListLength) => new MarginFileOptions { MaxListLength = value },
            _ => new MarginFileOptions { MaxCsvLineLength = value },
        });
        Assert.Equal(limit, e.ParamName);
    }
}
