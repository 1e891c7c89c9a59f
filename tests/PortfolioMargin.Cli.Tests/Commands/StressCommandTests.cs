using System.Globalization;
using System.Text.Json;
using PortfolioMargin.RealTime;
using PortfolioMargin.Scenarios;
using PortfolioMargin.Serialization;
using Xunit;

namespace PortfolioMargin.Cli.Tests.Commands;

/// <summary><c>stress</c> equals <see cref="StressTest.Run(Portfolios.ResolvedPortfolio, ScenarioSet, Models.IMarginModel, IReadOnlyDictionary{string, Correlation.CorrelationMatrix}?)"/>.</summary>
public sealed class StressCommandTests
{
    private static ScenarioSet ExampleSet => ScenarioSetJson.Parse(File.ReadAllText(Tool.PathOf("examples/stress-scenarios.json")));

    [Theory]
    [InlineData("grid", null)]
    [InlineData("var", "examples/var.json")]
    public void A_scenario_file_gives_the_library_stress_report(string model, string? parameters)
    {
        CliRun run = Tool.Run(["stress", "examples/book.json", "--market", "examples/market.json", "--scenarios", "examples/stress-scenarios.json", "--model", model,
            .. parameters is null ? Array.Empty<string>() : ["--params", parameters], "--format", "json"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        StressReport expected = StressTest.Run(Library.Book, ExampleSet, Library.Model(model));
        JsonElement[] scenarios = [.. run.Json.GetProperty("scenarios").EnumerateArray()];
        Assert.Equal(expected.Scenarios.Length, scenarios.Length);
        for (int s = 0; s < scenarios.Length; s++)
        {
            StressScenarioResult e = expected.Scenarios[s];
            Assert.Equal(e.Scenario.Id, scenarios[s].GetProperty("id").GetString());
            Assert.Equal(e.Pnl, scenarios[s].GetProperty("pnl").GetDouble());
            Assert.Equal(e.PositionPnl, scenarios[s].GetProperty("positionPnl").EnumerateArray().Select(x => x.GetDouble()));
            Assert.Equal(e.MarginUnderStress.InitialMargin, scenarios[s].GetProperty("marginUnderStress").GetProperty("initialMargin").GetDouble());
        }

        Assert.Equal(expected.Worst.Scenario.Id, run.Json.GetProperty("worstScenario").GetString());
        Assert.Equal(expected.PositionLabels, run.Json.GetProperty("positionLabels").EnumerateArray().Select(x => x.GetString()));
    }

    [Fact]
    public void On_a_BTC_and_ETH_book_the_built_in_set_is_the_example_file()
    {
        CliRun builtIn = Tool.Run("stress", "examples/book.json", "--market", "examples/market.json", "--format", "csv");
        CliRun file = Tool.Run("stress", "examples/book.json", "--market", "examples/market.json", "--scenarios", "examples/stress-scenarios.json", "--format", "csv");
        Assert.True(builtIn.ExitCode == 0, builtIn.ToString());
        // Same ids and figures; only the names differ ("others" in the built-in set, "ETH" in the file).
        Assert.Equal(file.Csv.Select(r => (r[0], r[2], r[3], r[4])), builtIn.Csv.Select(r => (r[0], r[2], r[3], r[4])));
        Assert.Equal(6, builtIn.Csv.Count);
    }

    [Fact]
    public void Text_names_the_worst_scenario_and_its_biggest_losers()
    {
        CliRun run = Tool.Run("stress", "examples/book.json", "--market", "examples/market.json");
        Assert.True(run.ExitCode == 0, run.ToString());
        StressReport expected = StressTest.Run(Library.Book, ExampleSet, Library.Grid);
        Assert.Contains($"Worst scenario: {expected.Worst.Scenario.Id}, P&L {expected.Worst.Pnl.ToString("N2", CultureInfo.InvariantCulture)} USD", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scenario_that_does_not_shock_the_book_is_bad_input_naming_it()
    {
        string dir = Directory.CreateTempSubdirectory("pm-cli-").FullName;
        string path = Path.Combine(dir, "sol.json");
        File.WriteAllText(path, ScenarioSetJson.ToJson(StressScenarios.Set("sol only",
            StressScenarios.Create("SOL", "SOL -50 %", new Dictionary<string, double> { ["SOL"] = -0.5 }))));
        CliRun run = Tool.Run("stress", "examples/book.json", "--market", "examples/market.json", "--scenarios", path);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("scenario 'SOL'", run.Error, StringComparison.Ordinal);
        Directory.Delete(dir, recursive: true);
    }
}
