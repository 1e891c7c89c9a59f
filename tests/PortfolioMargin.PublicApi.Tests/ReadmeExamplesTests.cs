using PortfolioMargin;
using PortfolioMargin.Correlation;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models;
using PortfolioMargin.Models.Grid;
using PortfolioMargin.Models.Isolated;
using PortfolioMargin.Models.VaR;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Pricing;
using PortfolioMargin.Models.SpanFiles;
using PortfolioMargin.Serialization;
using Xunit;

namespace PortfolioMargin.PublicApi.Tests;

/// <summary>The README's code examples, kept compiling and running against the public API only.</summary>
public sealed class ReadmeExamplesTests
{
    [Fact]
    public void Readme_examples_run_and_the_grid_nets_the_hedged_book()
    {
        var now = new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
        var mar = new DateTimeOffset(2027, 3, 26, 8, 0, 0, TimeSpan.Zero);
        var btc = new Underlying("BTC", Currency.Btc, Currency.Usd);

        var market = new MarketSnapshot(now, Currency.Usd)
            .WithSpot(btc, 95_000)
            .WithForward(btc, mar, 97_400)
            .WithVolSurface(btc, VolSurface.Flat(0.55))
            .WithRate(Currency.Usd, 0.0);

        var book = new Portfolio(
            new Position(new Future(btc, mar), 1.5),
            new Position(new EuropeanOption(btc, OptionRight.Call, 110_000, mar, OptionSettlement.Inverse), -2));

        Assert.Equal(2, PortfolioValuation.Of(book, market).Positions.Length);

        MarginResult isolated = new IsolatedModel(IsolatedRates.CryptoDefault).Calculate(book, market);

        var grid = new ScenarioGridModel(GridPresets.DeribitStyle(["BTC"], initialToMaintenance: 1.25));
        var resolved = ResolvedPortfolio.Resolve(book, market);
        GridResult r = grid.CalculateDetailed(resolved);
        Assert.NotNull(r.Groups[0].Binding);
        Assert.Contains("BTC/scan risk", r.Result.Breakdown.ToText(), StringComparison.Ordinal);

        EfficiencyReport e = EfficiencyReport.Compute(grid, resolved);
        Assert.InRange(e.Total.Efficiency, 0, 1);
        Assert.True(r.Result.InitialMargin < isolated.InitialMargin, $"grid {r.Result.InitialMargin} vs isolated {isolated.InitialMargin}");

        VaRFactors factors = VaRFactors.Create(["BTC"], [0.55], new double[,] { { 1.0 } }, VolatilityUnit.Annual, daysPerYear: 365);
        var varModel = new DeltaNormalVaR(factors, new VaROptions { Confidence = 0.99, HorizonDays = 1 });
        VaRDecomposition d = varModel.Decompose(resolved);
        Assert.True(d.ExpectedShortfall > d.ValueAtRisk && d.ValueAtRisk > 0);

        RepairResult repair = NearestCorrelation.Repair(["BTC", "ETH", "SOL"], new[,] { { 1, 0.9, 0.9 }, { 0.9, 1, -0.2 }, { 0.9, -0.2, 1 } });
        Assert.True(repair.Converged);
    }

    [Fact]
    public void Readme_span_example_runs_on_the_bundled_file()
    {
        // The README's SPAN block as written, with the repository root as the working directory.
        string path = Path.Combine(DocumentationExamples.Root, "examples", "eix-synthetic.spn");
        SpanRiskParameters file = SpanFile.Load(path);
        var span = new SpanFileModel(file);
        Instrument jun = span.Map.InstrumentFor(new SpanContractKey("EIX", "EIX", "202606"));
        Instrument sep = span.Map.InstrumentFor(new SpanContractKey("EIX", "EIX", "202609"));
        var calendar = new Portfolio(new Position(jun, 1), new Position(sep, -1));
        MarginResult spanMargin = span.Calculate(calendar, span.Map.Market());
        Assert.Equal((250.0, 275.0, "USD"), (Math.Round(spanMargin.MaintenanceMargin, 9), Math.Round(spanMargin.InitialMargin, 9), spanMargin.Currency.Code));
        Assert.Contains("SpanFile.Load(\"examples/eix-synthetic.spn\")", File.ReadAllText(Path.Combine(DocumentationExamples.Root, "README.md")), StringComparison.Ordinal);
    }
}
