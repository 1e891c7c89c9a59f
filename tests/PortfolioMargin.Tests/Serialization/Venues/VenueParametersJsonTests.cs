using PortfolioMargin.Models.Bybit;
using PortfolioMargin.Models.Deribit;
using PortfolioMargin.Models.Derive;
using PortfolioMargin.Models.Okx;
using PortfolioMargin.Serialization;
using Xunit;

namespace PortfolioMargin.Tests.Serialization.Venues;

/// <summary>
/// The venue parameter documents: the files shipped in docs/venues/parameters are the code defaults written out
/// (set UPDATE_VENUE_PARAMETER_FILES=1 to rewrite them after a deliberate change), they read back to the same document,
/// and a value a model rejects is reported at its JSON path.
/// </summary>
public sealed class VenueParametersJsonTests
{
    private static string File(string name)
    {
        string dir = AppContext.BaseDirectory;
        while (!System.IO.File.Exists(Path.Combine(dir, "PortfolioMargin.sln")))
        {
            dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("PortfolioMargin.sln not found above the test directory.");
        }

        return Path.Combine(dir, "docs", "venues", "parameters", name);
    }

    private static void Shipped(string name, string json)
    {
        string path = File(name);
        if (Environment.GetEnvironmentVariable("UPDATE_VENUE_PARAMETER_FILES") == "1")
        {
            System.IO.File.WriteAllText(path, json + "\n");
        }

        Assert.Equal(json + "\n", System.IO.File.ReadAllText(path).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Shipped_files_are_the_defaults_and_read_back_unchanged()
    {
        Shipped("derive.json", DeriveParametersJson.ToJson(DeriveParameters.Default));
        Shipped("deribit.json", DeribitParametersJson.ToJson(DeribitParameters.Default));
        Shipped("okx.json", OkxParametersJson.ToJson(OkxParameters.Default));
        Shipped("bybit.json", BybitParametersJson.ToJson(BybitParameters.Default));
        Assert.Equal(DeriveParametersJson.ToJson(DeriveParameters.Default), DeriveParametersJson.ToJson(DeriveParametersJson.Parse(System.IO.File.ReadAllText(File("derive.json")))));
        Assert.Equal(DeribitParametersJson.ToJson(DeribitParameters.Default), DeribitParametersJson.ToJson(DeribitParametersJson.Parse(System.IO.File.ReadAllText(File("deribit.json")))));
        Assert.Equal(OkxParametersJson.ToJson(OkxParameters.Default), OkxParametersJson.ToJson(OkxParametersJson.Parse(System.IO.File.ReadAllText(File("okx.json")))));
        Assert.Equal(BybitParametersJson.ToJson(BybitParameters.Default), BybitParametersJson.ToJson(BybitParametersJson.Parse(System.IO.File.ReadAllText(File("bybit.json")))));
    }

    [Fact]
    public void Read_parameters_give_the_same_margins_as_the_defaults()
    {
        var (book, market) = Models.Derive.DeriveVectorCases.OtmCallSpread.Build();
        var parsed = new DeriveModel(DeriveParametersJson.Parse(DeriveParametersJson.ToJson(DeriveParameters.Default)));
        Assert.Equal(PortfolioMargin.Models.MarginModelExtensions.Calculate(DeriveModel.Default, book, market).InitialMargin,
            PortfolioMargin.Models.MarginModelExtensions.Calculate(parsed, book, market).InitialMargin);
    }

    [Fact]
    public void Every_document_cites_dated_sources_and_marks_inferred_values()
    {
        foreach (var provenance in new[] { DeriveParameters.Default.Provenance, DeribitParameters.Default.Provenance, OkxParameters.Default.Provenance, BybitParameters.Default.Provenance })
        {
            Assert.NotEmpty(provenance.Sources);
            Assert.All(provenance.Sources, s => Assert.StartsWith("http", s.Url.StartsWith('(') ? "http" : s.Url, StringComparison.Ordinal));
            Assert.Contains(provenance.Notes, n => n.Status != PortfolioMargin.Models.ParameterStatus.Published);
        }
    }

    [Theory]
    [InlineData("deribit.json", "\"priceRange\": 0.16", "\"priceRange\": 1.6", "$.pairs[0].priceRange")]
    [InlineData("okx.json", "\"extremeFactor\": 0.5", "\"extremeFactor\": 5", "$.units[0].extremeFactor")]
    [InlineData("bybit.json", "\"pricePoints\": 11", "\"pricePoints\": 12", "$.units[0].pricePoints")]
    [InlineData("derive.json", "\"spotUp\": 1.045", "\"spotUp\": 0.9", "$.basis")]
    public void A_value_the_model_rejects_is_reported_at_its_path(string file, string from, string to, string path)
    {
        string json = System.IO.File.ReadAllText(File(file));
        Assert.Contains(from, json, StringComparison.Ordinal);
        string bad = json.Replace(from, to, StringComparison.Ordinal);
        MarginFileException e = Assert.Throws<MarginFileException>(() =>
        {
            _ = file switch
            {
                "deribit.json" => (object)DeribitParametersJson.Parse(bad),
                "okx.json" => OkxParametersJson.Parse(bad),
                "bybit.json" => BybitParametersJson.Parse(bad),
                _ => DeriveParametersJson.Parse(bad),
            };
        });
        Assert.True(e.Message.Contains(path, StringComparison.Ordinal), e.Message);
    }
}
