using PortfolioMargin.Scenarios;
using Xunit;

namespace PortfolioMargin.Tests.Domain.Scenarios;

/// <summary>Presets produce the counts and moves their cited sources publish (docs/scenarios.md).</summary>
public sealed class ScenarioPresetTests
{
    private const double Tol = 1e-12;

    private static readonly Func<double, double, bool> Near = (a, b) => Math.Abs(a - b) < Tol;

    [Fact]
    public void Deribit_is_9_points_over_10_percent_with_term_scaled_relative_38_percent()
    {
        // Deribit portfolio margin page: ±10.00 %, (30/DTE)^0.30 · 38.00 %; options expiring in 15 days: (30/15)^0.30 · 38 %.
        DeribitCryptoPreset p = ScenarioPresets.DeribitCrypto;
        var set = p.Build();
        Assert.Equal(27, set.Count);
        Assert.Equal([-0.10, -0.075, -0.05, -0.025, 0, 0.025, 0.05, 0.075, 0.10], p.Grid.PriceMoves.ToArray(), Near);
        UnderlyingShock up = set.Scenarios.Single(s => s.Id == "G-10.0%_VU").Default!;
        Assert.Equal(VolMoveKind.Relative, up.VolMoveKind);
        Assert.Equal(0.38, up.VolMoveFor(30), Tol);
        Assert.Equal(0.38 * Math.Pow(2, 0.30), up.VolMoveFor(15), Tol);
        Assert.Equal(-0.38 * Math.Pow(4, 0.30), set.Scenarios.Single(s => s.Id == "G+10.0%_VD").Default!.VolMoveFor(7.5), Tol);
        Assert.Equal(0.01, p.ShortOptionContingencyPerContract);
        Assert.Equal(0.01, p.OffsettingFuturesContingencyRate);
        Assert.Null(p.AsOf);
        Assert.Contains("deribit.com", p.Source.Url, StringComparison.Ordinal);
    }

    [Fact]
    public void Okx_is_0_4_8_12_percent_each_way_plus_24_percent_extremes_at_full_weight()
    {
        OkxSpotShockPreset p = ScenarioPresets.OkxSpotShock;
        var set = p.Build();
        double[] moves = [.. set.Scenarios.Select(s => s.Default!.PriceMove)];
        Assert.Equal([-0.12, -0.08, -0.04, 0, 0.04, 0.08, 0.12, -0.24, 0.24], moves, Near);
        Assert.All(set.Scenarios, s => Assert.Equal(1.0, s.Weight));
        Assert.All(set.Scenarios, s => Assert.Equal(0, s.Default!.VolMove));
        Assert.Equal("X-24.0%_V0", set.Scenarios[7].Id);
        Assert.Equal(new DateOnly(2025, 1, 6), p.AsOf);
    }

    [Fact]
    public void Okx_with_vol_sizes_adds_the_vol_legs()
    {
        var set = new OkxSpotShockPreset(0.3, 0.2, VolMoveKind.Absolute).Build();
        Assert.Equal(7 * 3 + 2, set.Count);
        Assert.Equal("X+24.0%_VU", set.Scenarios[^1].Id);
        Assert.Equal(0.3, set.Scenarios[^1].Default!.VolMove);
    }

    [Fact]
    public void Occ_is_ten_equidistant_points_over_15_percent_without_the_zero_move()
    {
        OccTims10Preset p = ScenarioPresets.OccTims10;
        var set = p.Build();
        Assert.Equal(10, set.Count);
        Assert.Equal([-0.15, -0.12, -0.09, -0.06, -0.03, 0.03, 0.06, 0.09, 0.12, 0.15], set.Scenarios.Select(s => s.Default!.PriceMove).ToArray(), Near);
        Assert.Equal("G-15.0%_V0", set.Scenarios[0].Id);
        Assert.Equal(11, new OccTims10Preset(includeZeroMove: true).Build().Count);
        Assert.Equal(new DateOnly(2021, 11, 1), p.AsOf);
    }

    [Fact]
    public void Cme_classic16_uses_extreme_multiple_2_and_weight_0_35()
    {
        CmeClassic16Preset p = ScenarioPresets.CmeClassic16(0.08, 0.14);
        var set = p.Build();
        Assert.Equal(16, set.Count);
        Assert.Equal(0.16, set.Scenarios[14].Default!.PriceMove, Tol);
        Assert.Equal(0.35, set.Scenarios[15].Weight);
        Assert.Equal(p.Name, set.Name);
        Assert.Throws<ArgumentOutOfRangeException>(() => ScenarioPresets.CmeClassic16(0.5, 0.1));
    }

    [Fact]
    public void Every_preset_cites_a_publisher_document_and_notes()
    {
        IScenarioPreset[] presets = [ScenarioPresets.CmeClassic16(0.1, 0.1), ScenarioPresets.DeribitCrypto, ScenarioPresets.OkxSpotShock, ScenarioPresets.OccTims10];
        Assert.All(presets, p =>
        {
            Assert.False(string.IsNullOrWhiteSpace(p.Source.Publisher));
            Assert.False(string.IsNullOrWhiteSpace(p.Source.Document));
            Assert.StartsWith("https://", p.Source.Url, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(p.Source.Notes));
            Assert.Equal(p.Source.AsOf, p.AsOf);
            Assert.Equal(p.Name, p.Build().Name);
        });
    }
}
