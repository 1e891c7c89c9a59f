using System.Text;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models.Grid;
using PortfolioMargin.Models.Isolated;
using PortfolioMargin.Models;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Scenarios;
using PortfolioMargin.Serialization;
using Xunit;
using static PortfolioMargin.Tests.Serialization.SerializationTestData;

namespace PortfolioMargin.Tests.Serialization;

/// <summary>Write → read gives back an equal object for every document kind; the docs/file-formats.md examples read to the objects built in code.</summary>
public sealed class JsonRoundTripTests
{
    [Fact]
    public void Docs_portfolio_example_reads_to_the_portfolio_built_in_code() =>
        Assert.Equal(PortfolioExampleObject().Positions, PortfolioJson.Parse(PortfolioExample).Positions);

    [Fact]
    public void Docs_market_snapshot_example_reads_to_the_snapshot_built_in_code()
    {
        MarketSnapshot read = MarketSnapshotJson.Parse(MarketSnapshotExample);
        Assert.True(Same(MarketSnapshotExampleObject(), read));
        Assert.Equal(0.60, read.Volatility(new EuropeanOption(Btc, OptionRight.Put, 60_000, Mar)));
    }

    [Fact]
    public void Docs_scenario_set_example_reads_to_the_set_built_in_code() =>
        Assert.True(Same(ScenarioSetExampleObject(), ScenarioSetJson.Parse(ScenarioSetExample)));

    [Fact]
    public void Docs_grid_parameters_example_reads_to_the_parameters_built_in_code()
    {
        GridParameters read = GridParametersJson.Parse(GridParametersExample);
        Assert.True(Same(GridParametersExampleObject(), read));
        Assert.Same(read.Groups["BTC"].Scenarios, read.Groups["ETH"].Scenarios);
    }

    [Fact]
    public void Docs_isolated_rates_example_reads_to_the_model_built_in_code() =>
        Assert.True(Same(IsolatedRatesExampleObject(), IsolatedRatesJson.Parse(IsolatedRatesExample)));

    [Theory]
    [InlineData(PortfolioExample)]
    [InlineData(MarketSnapshotExample)]
    [InlineData(ScenarioSetExample)]
    [InlineData(GridParametersExample)]
    [InlineData(IsolatedRatesExample)]
    [InlineData(VaRParametersJsonTests.Example)]
    [InlineData(PositionsCsvExample)]
    public void Examples_here_are_the_ones_in_docs_file_formats(string example)
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "docs", "file-formats.md")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        Assert.NotNull(dir);
        string docs = File.ReadAllText(Path.Combine(dir, "docs", "file-formats.md")).ReplaceLineEndings("\n");
        Assert.Contains("\n" + example.ReplaceLineEndings("\n") + "\n```", docs, StringComparison.Ordinal);
    }

    [Fact]
    public void Portfolio_round_trips_through_a_stream_and_through_text()
    {
        Portfolio p = PortfolioExampleObject().Add(
            new Position(new EuropeanOption(Eth, OptionRight.Put, 2_999.5, Mar.ToOffset(TimeSpan.FromHours(2)), OptionSettlement.Inverse, 0.1, "my put"), 1e-9),
            new Position(new Perpetual(Btc, inverse: true, multiplier: 100), -3));
        using var stream = new MemoryStream();
        PortfolioJson.Write(p, stream);
        stream.Position = 0;
        Assert.Equal(p.Positions, PortfolioJson.Read(stream).Positions);
        Assert.Equal(p.Positions, PortfolioJson.Parse(PortfolioJson.ToJson(p)).Positions);
    }

    [Fact]
    public void Portfolio_writes_a_shared_instrument_once_and_distinct_instruments_with_one_name_under_distinct_ids()
    {
        var a = new Future(Btc, Mar, name: "X");
        var b = new Future(Btc, Mar.AddDays(7), name: "X");
        var p = new Portfolio(new Position(a, 1), new Position(b, 2), new Position(a, 3));
        string json = PortfolioJson.ToJson(p);
        Assert.Contains("\"X#2\"", json, StringComparison.Ordinal);
        Assert.Equal(p.Positions, PortfolioJson.Parse(json).Positions);
    }

    [Fact]
    public void Empty_portfolio_round_trips() => Assert.Empty(PortfolioJson.Parse(PortfolioJson.ToJson(Portfolio.Empty)));

    [Fact]
    public void Market_snapshot_round_trips_every_surface_shape_day_count_and_offset()
    {
        var ny = TimeSpan.FromHours(-5);
        MarketSnapshot s = new MarketSnapshot(Now.ToOffset(ny), Currency.Usdt, DayCount.Act36525)
            .WithSpot(Btc, 60_000.123456789).WithForward(Btc, Mar, 61_000).WithForward(Eth, Mar.AddTicks(1), 3_050) // forward without a spot
            .WithVolSurface(Btc, VolSurface.Flat(0.6))
            .WithVolSurface(Eth, VolSurface.Smile([(Mar, [2_000.0, 3_000], [0.8, 0.7]), (Mar.AddDays(90), [3_000.0], [0.65])]))
            .WithVolSurface(new Underlying("SOL", new Currency("SOL"), Currency.Usd), VolSurface.TermStructure([KeyValuePair.Create(Mar, 0.9)]))
            .WithRate(Currency.Usd, -0.001).WithFxRate(Currency.Usd, 1.0001).WithFxRate(Currency.Btc, 60_000);
        Assert.True(Same(s, MarketSnapshotJson.Parse(MarketSnapshotJson.ToJson(s))));
        using var stream = new MemoryStream();
        MarketSnapshotJson.Write(s, stream);
        stream.Position = 0;
        MarketSnapshot read = MarketSnapshotJson.Read(stream);
        Assert.True(Same(s, read));
        Assert.Equal(ny, read.ValuationTime.Offset);
    }

    [Fact]
    public void Writing_is_deterministic_so_equal_snapshots_give_equal_text() =>
        Assert.Equal(MarketSnapshotJson.ToJson(MarketSnapshotExampleObject()), MarketSnapshotJson.ToJson(MarketSnapshotJson.Parse(MarketSnapshotExample)));

    [Fact]
    public void Scenario_set_presets_round_trip()
    {
        foreach (ScenarioSet set in new[]
        {
            new Classic16Parameters(0.1, 0.14).Build(),
            ScenarioPresets.DeribitCrypto.Build(),
            new Classic16Parameters(0.2, 0.25, VolMoveKind.Relative, 3, 0.3, 1).BuildFor("BTC"),
            ScenarioSetExampleObject(),
        })
        {
            Assert.True(Same(set, ScenarioSetJson.Parse(ScenarioSetJson.ToJson(set))), set.Name);
        }
    }

    [Fact]
    public void Grid_parameters_preset_round_trips_and_writes_a_shared_scenario_set_once()
    {
        GridParameters p = GridPresets.DeribitStyle(["BTC", "ETH", "SOL"], 1.3);
        string json = GridParametersJson.ToJson(p);
        GridParameters read = GridParametersJson.Parse(json);
        Assert.True(Same(p, read));
        Assert.Single(read.Groups.Values.Select(g => g.Scenarios).Distinct());
        using var stream = new MemoryStream();
        GridParametersJson.Write(GridParametersExampleObject(), stream);
        Assert.True(Same(GridParametersExampleObject(), GridParametersJson.Read(new MemoryStream(stream.ToArray()))));
    }

    [Fact]
    public void Grid_parameters_with_two_different_sets_of_one_name_keep_both()
    {
        var a = new ScenarioSet("S", [Scenario.Uniform("A", "A", new UnderlyingShock(0.1))]);
        var b = new ScenarioSet("S", [Scenario.Uniform("B", "B", new UnderlyingShock(-0.1))]);
        var p = new GridParameters("V", new Dictionary<string, GridGroupParameters> { ["BTC"] = new(a), ["ETH"] = new(b, netOptionValue: NetOptionValueHandling.SubtractWithFloor, shortOptionMinimumMethod: ShortOptionMinimumMethod.Gross, shortOptionMinimumPerUnit: 5) });
        Assert.True(Same(p, GridParametersJson.Parse(GridParametersJson.ToJson(p))));
    }

    [Fact]
    public void Isolated_rates_round_trip()
    {
        var model = new IsolatedModel(new IsolatedRates(0.2, 0.3, 0.05, 1), new Dictionary<string, IsolatedRates>
        {
            ["BTC"] = new(0.1, 0.15, 0.1, 0.5),
            ["BTC-27MAR26-60000-C"] = new(0, 0, 0, 0.25),
        });
        Assert.True(Same(model, IsolatedRatesJson.Parse(IsolatedRatesJson.ToJson(model))));
        using var stream = new MemoryStream();
        IsolatedRatesJson.Write(new IsolatedModel(), stream);
        stream.Position = 0;
        Assert.True(Same(new IsolatedModel(), IsolatedRatesJson.Read(stream)));
    }

    [Fact]
    public void Reader_accepts_a_byte_order_mark_and_offsets_other_than_utc()
    {
        byte[] utf8 = [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(PortfolioExample.Replace("2026-03-27T08:00:00Z", "2026-03-27T10:00:00+02:00", StringComparison.Ordinal))];
        Portfolio p = PortfolioJson.Read(new MemoryStream(utf8));
        Assert.Equal(Mar, p[1].Instrument.Expiry);
        Assert.Equal(TimeSpan.FromHours(2), p[1].Instrument.Expiry!.Value.Offset);
    }

    [Fact]
    public void Written_portfolio_uses_the_documented_field_names_and_leaves_defaults_out()
    {
        string json = PortfolioJson.ToJson(new Portfolio(new Position(new Perpetual(Btc), 1)));
        Assert.Contains("\"format\": \"portfoliomargin/portfolio\"", json, StringComparison.Ordinal);
        Assert.Contains("\"version\": 1", json, StringComparison.Ordinal);
        Assert.Contains("\"kind\": \"perpetual\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("multiplier", json, StringComparison.Ordinal);
        Assert.DoesNotContain("settlement", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"name\"", json, StringComparison.Ordinal);
    }
}
