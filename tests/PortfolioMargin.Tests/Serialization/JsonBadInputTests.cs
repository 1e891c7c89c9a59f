using PortfolioMargin.Serialization;
using Xunit;
using static PortfolioMargin.Tests.Serialization.SerializationTestData;

namespace PortfolioMargin.Tests.Serialization;

/// <summary>Bad JSON is refused with a <see cref="MarginFileException"/> naming the JSON path and line of the offending value.</summary>
public sealed class JsonBadInputTests
{
    private static string Edit(string json, string from, string to)
    {
        Assert.Contains(from, json, StringComparison.Ordinal);
        return json.Replace(from, to, StringComparison.Ordinal);
    }

    /// <summary>Reads <paramref name="example"/> with one edit and returns the error.</summary>
    private static MarginFileException Bad<T>(Func<string, MarginFileOptions?, T> parse, string example, string from, string to) =>
        Assert.Throws<MarginFileException>(() => parse(Edit(example, from, to), null));

    private static MarginFileException Portfolio(string from, string to) => Bad(PortfolioJson.Parse, PortfolioExample, from, to);

    [Fact]
    public void Malformed_json_reports_the_line_and_path()
    {
        MarginFileException e = Portfolio("\"quantity\": 1.5 }", "\"quantity\": 1.5.0 }");
        Assert.Equal(17, e.LineNumber);
        Assert.Equal("$.positions[0].quantity", e.Path);
        Assert.StartsWith("Portfolio JSON at $.positions[0].quantity (line 17, byte ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_json_is_refused_with_a_line() =>
        Assert.NotNull(Assert.Throws<MarginFileException>(() => PortfolioJson.Parse(PortfolioExample[..200])).LineNumber);

    [Fact]
    public void A_string_where_a_number_belongs_names_the_path_and_line()
    {
        MarginFileException e = Portfolio("\"quantity\": -2 }", "\"quantity\": \"many\" }");
        Assert.Equal("$.positions[1].quantity", e.Path);
        Assert.Equal(18, e.LineNumber);
        Assert.IsType<System.Text.Json.JsonException>(e.InnerException, exactMatch: false);
    }

    [Fact]
    public void Negative_strike_names_the_strike_path_and_its_line()
    {
        MarginFileException e = Portfolio("\"strike\": 60000", "\"strike\": -5");
        Assert.Equal("$.instruments[1].strike", e.Path);
        Assert.Equal(11, e.LineNumber);
        Assert.Contains("strike must be a finite number > 0, got -5", e.Message, StringComparison.Ordinal);
        Assert.IsType<ArgumentOutOfRangeException>(e.InnerException);
    }

    [Fact]
    public void Unknown_format_is_refused_naming_the_expected_one()
    {
        MarginFileException e = Portfolio("\"portfoliomargin/portfolio\"", "\"portfoliomargin/portfolios\"");
        Assert.Equal("$.format", e.Path);
        Assert.Equal(2, e.LineNumber);
        Assert.Contains("unknown format \"portfoliomargin/portfolios\", expected \"portfoliomargin/portfolio\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_document_kind_is_refused_naming_both_kinds()
    {
        MarginFileException e = Assert.Throws<MarginFileException>(() => PortfolioJson.Parse(ScenarioSetExample));
        Assert.Contains("this is a \"portfoliomargin/scenario-set\" document, expected \"portfoliomargin/portfolio\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_format_or_version_is_refused()
    {
        Assert.Contains("missing \"format\"", Portfolio("\"format\": \"portfoliomargin/portfolio\",", "").Message, StringComparison.Ordinal);
        Assert.Contains("missing \"version\"", Portfolio("\"version\": 1,", "").Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2", "format version 2 is newer than the version this library reads (1)")]
    [InlineData("99", "format version 99 is newer")]
    [InlineData("1.5", "whole number")]
    [InlineData("0", "whole number from 1 to 1")]
    public void A_future_or_invalid_version_is_refused(string version, string expected)
    {
        MarginFileException e = Portfolio("\"version\": 1,", $"\"version\": {version},");
        Assert.Equal("$.version", e.Path);
        Assert.Equal(3, e.LineNumber);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_underlying_reference_names_the_field()
    {
        MarginFileException e = Portfolio("{ \"id\": \"BTC-PERP\", \"kind\": \"perpetual\", \"underlying\": \"BTC\" }", "{ \"id\": \"BTC-PERP\", \"kind\": \"perpetual\", \"underlying\": \"XBT\" }");
        Assert.Equal("$.instruments[0].underlying", e.Path);
        Assert.Equal(9, e.LineNumber);
        Assert.Contains("unknown underlying 'XBT'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_instrument_reference_names_the_position()
    {
        MarginFileException e = Portfolio("{ \"instrument\": \"ETH-SPOT\"", "{ \"instrument\": \"ETH-SPOTT\"");
        Assert.Equal("$.positions[3].instrument", e.Path);
        Assert.Equal(20, e.LineNumber);
    }

    [Fact]
    public void A_misspelt_field_is_an_error_not_a_silent_default()
    {
        MarginFileException e = Portfolio("\"multiplier\": 10", "\"multipler\": 10");
        Assert.Contains("unknown field 'multipler'", e.Message, StringComparison.Ordinal);
        Assert.StartsWith("$.instruments[2]", e.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_required_field_is_named()
    {
        MarginFileException e = Portfolio("{ \"instrument\": \"BTC-PERP\", \"quantity\": 1.5 }", "{ \"instrument\": \"BTC-PERP\" }");
        Assert.Contains("missing required field(s) 'quantity'", e.Message, StringComparison.Ordinal);
        Assert.Equal(17, e.LineNumber);
    }

    [Fact]
    public void Duplicate_property_is_refused() =>
        Assert.Equal("$.positions[0].quantity", Portfolio("\"quantity\": 1.5 }", "\"quantity\": 1.5, \"quantity\": 2 }").Path);

    [Fact]
    public void Null_for_a_required_string_is_refused() =>
        Assert.Equal("$.instruments[0].kind", Portfolio("\"kind\": \"perpetual\"", "\"kind\": null").Path);

    [Fact]
    public void Time_without_offset_is_refused_naming_the_field()
    {
        MarginFileException e = Portfolio("\"expiry\": \"2026-03-27T08:00:00Z\", \"strike\"", "\"expiry\": \"2026-03-27T08:00:00\", \"strike\"");
        Assert.Equal("$.instruments[1].expiry", e.Path);
        Assert.Contains("offset", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Kind_specific_fields_are_checked()
    {
        Assert.Equal("$.instruments[2].expiry", Portfolio("\"expiry\": \"2026-03-27T08:00:00Z\", \"settlement\"", "\"settlement\"").Path);
        Assert.Equal("$.instruments[0].strike", Portfolio("\"kind\": \"perpetual\",", "\"kind\": \"perpetual\", \"strike\": 5,").Path);
        Assert.Equal("$.instruments[3].settlement", Portfolio("\"kind\": \"spot\",", "\"kind\": \"spot\", \"settlement\": \"inverse\",").Path);
        MarginFileException kind = Portfolio("\"kind\": \"perpetual\"", "\"kind\": \"Perpetual\"");
        Assert.Equal("$.instruments[0].kind", kind.Path);
        Assert.Contains("expected one of spot, perpetual, future, option", kind.Message, StringComparison.Ordinal);
        Assert.Equal("$.instruments[1].right", Portfolio("\"right\": \"call\"", "\"right\": \"c\"").Path);
    }

    [Fact]
    public void Duplicate_ids_and_symbols_are_refused()
    {
        Assert.Equal("$.instruments[3].id", Portfolio("\"id\": \"ETH-SPOT\"", "\"id\": \"BTC-PERP\"").Path);
        Assert.Equal("$.underlyings[1].symbol", Portfolio("{ \"symbol\": \"ETH\", \"base\": \"ETH\"", "{ \"symbol\": \"BTC\", \"base\": \"ETH\"").Path);
        Assert.Equal("$.underlyings[0].base", Portfolio("{ \"symbol\": \"BTC\", \"base\": \"BTC\"", "{ \"symbol\": \"BTC\", \"base\": \"btc\"").Path);
    }

    [Fact]
    public void Quantity_out_of_range_names_the_quantity() =>
        Assert.Equal("$.positions[2].quantity", Portfolio("\"quantity\": 100 }", "\"quantity\": 1e300 }").Path);

    [Theory]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("42")]
    [InlineData("")]
    [InlineData("{} {}")]
    public void A_document_that_is_not_one_object_is_refused(string json) =>
        Assert.Throws<MarginFileException>(() => PortfolioJson.Parse(json));

    [Fact]
    public void Comments_and_trailing_commas_are_refused()
    {
        Assert.Equal(17, Portfolio("{ \"instrument\": \"BTC-PERP\", \"quantity\": 1.5 }", "{ \"instrument\": \"BTC-PERP\", \"quantity\": 1.5 } // long").LineNumber);
        Assert.NotNull(Portfolio("\"quantity\": 10 }", "\"quantity\": 10, }").LineNumber);
    }

    private static MarginFileException Snapshot(string from, string to) => Bad(MarketSnapshotJson.Parse, MarketSnapshotExample, from, to);

    [Fact]
    public void Market_snapshot_values_the_domain_rejects_name_their_path()
    {
        Assert.Equal("$.spots[1].price", Snapshot("\"price\": 3000", "\"price\": 0").Path);
        Assert.Equal("$.forwards[0].price", Snapshot("\"price\": 61000", "\"price\": -1").Path);
        Assert.Equal("$.rates[0].rate", Snapshot("\"rate\": 0.04", "\"rate\": 4").Path);
        Assert.Equal("$.fx[0].rate", Snapshot("\"rate\": 1.0", "\"rate\": 0").Path);
        Assert.Equal("$.reportCurrency", Snapshot("\"reportCurrency\": \"USD\"", "\"reportCurrency\": \"usd\"").Path);
        Assert.Equal("$.dayCount", Snapshot("\"act365Fixed\"", "\"ACT/365\"").Path);
        Assert.Equal("$.valuationTime", Snapshot("\"2026-01-02T08:00:00Z\"", "\"2026-01-02\"").Path);
        Assert.Equal("$.volSurfaces[1].term[1].vol", Snapshot("\"vol\": 0.70", "\"vol\": -0.70").Path);
        MarginFileException smile = Snapshot("[50000, 60000, 70000]", "[50000, 70000, 60000]");
        Assert.Equal("$.volSurfaces[0].smile[0]", smile.Path);
        Assert.Contains("strictly increasing", smile.Message, StringComparison.Ordinal);
        Assert.Contains("as many vols as strikes", Snapshot("[0.65, 0.60, 0.62]", "[0.65, 0.60]").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Market_snapshot_duplicates_and_ambiguous_surfaces_are_refused()
    {
        Assert.Equal("$.spots[1].symbol", Snapshot("{ \"symbol\": \"ETH\", \"base\": \"ETH\"", "{ \"symbol\": \"BTC\", \"base\": \"ETH\"").Path);
        Assert.Equal("$.rates[1].currency", Snapshot("[ { \"currency\": \"USD\", \"rate\": 0.04 } ]", "[ { \"currency\": \"USD\", \"rate\": 0.04 }, { \"currency\": \"USD\", \"rate\": 0.05 } ]").Path);
        Assert.Equal("$.volSurfaces[1].term[1].expiry", Snapshot("\"2026-06-26T08:00:00Z\", \"vol\"", "\"2026-03-27T08:00:00Z\", \"vol\"").Path);
        MarginFileException two = Snapshot("{ \"underlying\": \"ETH\", \"term\"", "{ \"underlying\": \"ETH\", \"flat\": 0.5, \"term\"");
        Assert.Equal("$.volSurfaces[1]", two.Path);
        Assert.Contains("exactly one of", two.Message, StringComparison.Ordinal);
        Assert.Equal("$.volSurfaces[1].underlying", Snapshot("{ \"underlying\": \"ETH\", \"term\"", "{ \"underlying\": \"BTC\", \"term\"").Path);
    }

    [Theory]
    [InlineData("scenario-set", "\"priceMove\": 0.10", "\"priceMove\": -1", "$.scenarios[0].default.priceMove")]
    [InlineData("scenario-set", "\"weight\": 1", "\"weight\": 0", "$.scenarios[1].weight")]
    [InlineData("scenario-set", "\"id\": \"CRASH\"", "\"id\": \"UP10\"", "$.scenarios[1].id")]
    [InlineData("scenario-set", "{ \"underlying\": \"ETH\"", "{ \"underlying\": \"BTC\"", "$.scenarios[1].shocks[1].underlying")]
    [InlineData("scenario-set", "\"volMoveKind\": \"relative\" },", "\"volMoveKind\": \"percent\" },", "$.scenarios[1].shocks[0].volMoveKind")]
    [InlineData("scenario-set", "\"volMoveKind\": \"relative\" },", "\"volMoveKind\": \"relative\", \"referenceDays\": 0 },", "$.scenarios[1].shocks[0].referenceDays")]
    [InlineData("scenario-set", "\"default\": { \"priceMove\"", "\"default\": { \"underlying\": \"BTC\", \"priceMove\"", "$.scenarios[0].default.underlying")]
    [InlineData("scenario-set", "\"default\": { \"priceMove\": 0.10, \"volMove\": -0.05 }", "\"weight\": 1", "$.scenarios[0]")]
    [InlineData("scenario-set", "\"name\": \"Stress\"", "\"name\": \" \"", "$.name")]
    [InlineData("grid-parameters", "{ \"group\": \"ETH\", \"scenarioSet\": \"grid\"", "{ \"group\": \"ETH\", \"scenarioSet\": \"grids\"", "$.groups[1].scenarioSet")]
    [InlineData("grid-parameters", "\"initialToMaintenance\": 1.25,\n", "\"initialToMaintenance\": 0.9,\n", "$.groups[0].initialToMaintenance")]
    [InlineData("grid-parameters", "{ \"group\": \"ETH\", \"deltaPerSpread\"", "{ \"group\": \"SOL\", \"deltaPerSpread\"", "$.interSpreads[0].legs[1].group")]
    [InlineData("grid-parameters", "\"side\": \"b\"", "\"side\": \"c\"", "$.interSpreads[0].legs[1].side")]
    [InlineData("grid-parameters", "\"side\": \"b\"", "\"side\": \"a\"", "$.interSpreads[0]")]
    [InlineData("grid-parameters", "\"tierB\": 2", "\"tierB\": 3", "$.groups[0].intraSpreads")]
    [InlineData("grid-parameters", "{ \"group\": \"ETH\", \"scenarioSet\"", "{ \"group\": \"BTC\", \"scenarioSet\"", "$.groups[1].group")]
    [InlineData("grid-parameters", "\"priceMove\": 0.15,", "\"priceMove\": -1.5,", "$.scenarioSets[0].scenarios[1].default.priceMove")]
    [InlineData("grid-parameters", "\"label\": \"EXAMPLE-PM-2026-01\"", "\"label\": \" \"", "$.label")]
    [InlineData("isolated-rates", "\"linearRate\": 0.10", "\"linearRate\": -0.10", "$.default.linearRate")]
    [InlineData("isolated-rates", "\"maintenanceFraction\": 0.5 }\n  ]", "\"maintenanceFraction\": 2 }\n  ]", "$.overrides[0].maintenanceFraction")]
    [InlineData("isolated-rates", "{ \"appliesTo\": \"ETH\", ", "{ ", "$.overrides[0].appliesTo")]
    [InlineData("isolated-rates", "\"default\": { ", "\"default\": { \"appliesTo\": \"X\", ", "$.default.appliesTo")]
    public void Scenario_grid_and_isolated_document_errors_name_their_path(string kind, string from, string to, string path)
    {
        MarginFileException e = kind switch
        {
            "scenario-set" => Bad(ScenarioSetJson.Parse, ScenarioSetExample, from, to),
            "grid-parameters" => Bad(GridParametersJson.Parse, GridParametersExample, from, to),
            _ => Bad(IsolatedRatesJson.Parse, IsolatedRatesExample, from, to),
        };
        Assert.Equal(path, e.Path);
        Assert.NotNull(e.LineNumber);
    }
}
