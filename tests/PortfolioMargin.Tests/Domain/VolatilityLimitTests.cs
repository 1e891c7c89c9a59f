using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PortfolioMargin.Correlation;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models.VaR;
using PortfolioMargin.Serialization;
using Xunit;

namespace PortfolioMargin.Tests.Domain;

/// <summary>
/// Issue 18 §5: one bound on volatilities everywhere. A vol above 10 (1,000 %), typically a percentage typed for a
/// fraction (<c>VolSurface.Flat(55)</c>), is refused by <see cref="VolSurface"/>, the market-snapshot and VaR-parameter
/// readers and <see cref="VaRFactors"/> alike, with a message that says vols are fractions ("e.g. 0.55"), unless the
/// caller raises the bound explicitly.
/// </summary>
public sealed class VolatilityLimitTests
{
    private static readonly DateTimeOffset Mar = TestMarket.Mar;

    /// <summary>Every input path of a vol, each returning the exception it throws (null when the vol is accepted); bound null = the default.</summary>
    private static readonly (string Path, Func<double, double?, Exception?> Try)[] Paths =
    [
        ("VolSurface.Flat", (v, max) => Record.Exception(() => _ = max is { } m ? VolSurface.Flat(v, m) : VolSurface.Flat(v))),
        ("VolSurface.TermStructure", (v, max) => Record.Exception(() => _ = max is { } m
            ? VolSurface.TermStructure([KeyValuePair.Create(Mar, 0.5), KeyValuePair.Create(Mar.AddDays(90), v)], m)
            : VolSurface.TermStructure([KeyValuePair.Create(Mar, 0.5), KeyValuePair.Create(Mar.AddDays(90), v)]))),
        ("VolSurface.Smile", (v, max) => Record.Exception(() => _ = max is { } m
            ? VolSurface.Smile([(Mar, [100.0, 110.0], [0.5, v])], m)
            : VolSurface.Smile([(Mar, [100.0, 110.0], [0.5, v])]))),
        ("market-snapshot JSON (flat)", (v, max) => Record.Exception(() => MarketSnapshotJson.Parse(Snapshot($"\"flat\": {Json(v)}"), Options(max)))),
        ("market-snapshot JSON (term)", (v, max) => Record.Exception(() => MarketSnapshotJson.Parse(Snapshot(
            $"\"term\": [ {{ \"expiry\": \"2026-03-27T08:00:00Z\", \"vol\": 0.5 }}, {{ \"expiry\": \"2026-06-26T08:00:00Z\", \"vol\": {Json(v)} }} ]"), Options(max)))),
        ("market-snapshot JSON (smile)", (v, max) => Record.Exception(() => MarketSnapshotJson.Parse(Snapshot(
            $"\"smile\": [ {{ \"expiry\": \"2026-03-27T08:00:00Z\", \"strikes\": [100, 110], \"vols\": [0.5, {Json(v)}] }} ]"), Options(max)))),
        ("VaRFactors.Create (annual)", (v, max) => Record.Exception(() => _ = max is { } m
            ? VaRFactors.Create(["A", "B"], [0.5, v], Identity, VolatilityUnit.Annual, 365, CorrelationRepair.None, m)
            : VaRFactors.Create(["A", "B"], [0.5, v], Identity, VolatilityUnit.Annual))),
        ("VaRFactors.Create (daily, matrix)", (v, max) => Record.Exception(() => _ = max is { } m
            ? VaRFactors.Create(CorrelationMatrix.Identity(["A", "B"]), [0.02, v], VolatilityUnit.Daily, 365, m)
            : VaRFactors.Create(CorrelationMatrix.Identity(["A", "B"]), [0.02, v]))),
        ("var-parameters JSON", (v, max) => Record.Exception(() => VaRParametersJson.Parse(
            PortfolioMargin.Tests.Serialization.VaRParametersJsonTests.Example.Replace("[0.60, 0.75]", $"[0.60, {Json(v)}]", StringComparison.Ordinal), Options(max)))),
    ];

    private static double[,] Identity => new double[,] { { 1, 0 }, { 0, 1 } };

    private static string Json(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static MarginFileOptions? Options(double? max) => max is { } m ? MarginFileOptions.Default with { MaxVolatility = m } : null;

    private static string Snapshot(string surface) => $$"""
        { "format": "portfoliomargin/market-snapshot", "version": 1, "valuationTime": "2026-01-02T08:00:00Z", "reportCurrency": "USD",
          "volSurfaces": [ { "underlying": "BTC", {{surface}} } ] }
        """;

    public static TheoryData<string> PathNames => [.. Paths.Select(p => p.Path)];

    private static Func<double, double?, Exception?> TryPath(string name) => Paths.Single(p => p.Path == name).Try;

    [Theory]
    [MemberData(nameof(PathNames))]
    public void A_percentage_typed_for_a_fraction_is_refused_saying_vols_are_fractions(string path)
    {
        Exception? e = TryPath(path)(55, null);
        Assert.NotNull(e);
        Assert.True(e is ArgumentException or MarginFileException, $"{path}: {e.GetType().Name}");
        Assert.Contains("a fraction, e.g. 0.55", e.Message, StringComparison.Ordinal);
        Assert.Contains("above the limit of 10 (1000 %)", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(PathNames))]
    public void The_bound_is_10_inclusive_by_default_and_raised_only_explicitly(string path)
    {
        Func<double, double?, Exception?> run = TryPath(path);
        Assert.Null(run(10, null));
        Assert.NotNull(run(Math.BitIncrement(10.0), null));
        Assert.Null(run(55, 100));
        Assert.NotNull(run(100.5, 100));
        Assert.NotNull(run(0, 100));
        Assert.NotNull(run(double.PositiveInfinity, double.MaxValue));
        Assert.NotNull(run(double.NaN, null));
    }

    [Fact]
    public void The_issues_example_names_the_flat_vol()
    {
        ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(() => VolSurface.Flat(55));
        Assert.Equal("volatility", e.ParamName);
        Assert.StartsWith("Flat volatility is 55, above the limit of 10 (1000 %): a volatility is a fraction, e.g. 0.55 for 55 %", e.Message, StringComparison.Ordinal);
        MarginFileException json = Assert.Throws<MarginFileException>(() => MarketSnapshotJson.Parse(Snapshot(
            "\"smile\": [ { \"expiry\": \"2026-03-27T08:00:00Z\", \"strikes\": [100, 110], \"vols\": [0.5, 55] } ]")));
        Assert.Equal("$.volSurfaces[0].smile[0].vols[1]", json.Path);
    }

    [Fact]
    public void A_bound_that_is_not_finite_and_positive_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => VolSurface.Flat(0.5, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => VolSurface.Flat(0.5, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => MarginFileOptions.Default with { MaxVolatility = double.PositiveInfinity });
        Assert.Throws<ArgumentOutOfRangeException>(() => VaRFactors.Create(["A"], [0.5], new double[,] { { 1 } }, maxVolatility: -1));
    }

    [Property(MaxTest = 300)]
    public Property Every_input_path_accepts_a_vol_exactly_when_it_is_within_the_bound() =>
        Prop.ForAll(
            (from v in Gen.Elements(0.001, 0.55, 1.0, 9.99, 10.0, 10.01, 55.0, 100.0, 1e6, 1e-9, -0.5, 0.0)
             from bound in Gen.Elements<double?>(null, 0.8, 1.0, 10.0, 60.0, 200.0, 1e7)
             select (v, bound)).ToArbitrary(),
            c =>
            {
                bool expected = c.v > 0 && c.v <= (c.bound ?? VolatilityLimit.DefaultMax);
                // The other vols of the multi-vol paths (0.5, 0.6, 0.02 daily) are within every bound drawn.
                return Paths.All(p => (p.Try(c.v, c.bound) is null) == expected);
            });
}
