using System.Globalization;
using System.Text.Json;
using PortfolioMargin.Models;
using PortfolioMargin.Models.Grid;
using Xunit;

namespace PortfolioMargin.Cli.Tests.Commands;

/// <summary><c>margin</c> on the example files equals the library on the same book, market and model.</summary>
public sealed class MarginCommandTests
{
    private static readonly string[] Files = ["margin", "examples/book.json", "--market", "examples/market.json"];

    public static TheoryData<string, string[]> Models => new()
    {
        { "grid", [] },
        { "grid", ["--preset", "deribit"] },
        { "grid", ["--params", "examples/grid-deribit.json"] },
        { "isolated", [] },
        { "isolated", ["--params", "examples/isolated-rates.json"] },
        { "var", ["--params", "examples/var.json"] },
        { "delta-gamma-var", ["--params", "examples/var.json"] },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Json_result_equals_the_library_result_for_each_model(string model, string[] parameters)
    {
        CliRun run = Tool.Run([.. Files, "--model", model, .. parameters, "--format", "json"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        MarginResult expected = Library.Model(model).Calculate(Library.Book);
        JsonElement json = run.Json;
        Assert.Equal("portfoliomargin/margin-report", json.GetProperty("format").GetString());
        Assert.Equal(1, json.GetProperty("version").GetInt32());
        JsonElement result = json.GetProperty("result");
        Assert.Equal(expected.Model, result.GetProperty("model").GetString());
        Assert.Equal("USD", result.GetProperty("currency").GetString());
        // Doubles are written round-trip, so the figures are the library's bit for bit.
        Assert.Equal(expected.InitialMargin, result.GetProperty("initialMargin").GetDouble());
        Assert.Equal(expected.MaintenanceMargin, result.GetProperty("maintenanceMargin").GetDouble());
        JsonElement[] contributions = [.. result.GetProperty("contributions").EnumerateArray()];
        Assert.Equal(expected.Contributions.Length, contributions.Length);
        foreach (PositionContribution c in expected.Contributions)
        {
            JsonElement row = contributions[c.PositionIndex];
            Assert.Equal(c.PositionIndex, row.GetProperty("positionIndex").GetInt32());
            Assert.Equal(c.Initial, row.GetProperty("initial").GetDouble());
            Assert.Equal(c.Maintenance, row.GetProperty("maintenance").GetDouble());
            Assert.Equal(Library.Book.Portfolio[c.PositionIndex].Instrument.Multiplier, row.GetProperty("contractSize").GetDouble());
        }

        Assert.Equal(expected.Breakdown.Initial, result.GetProperty("breakdown").GetProperty("initial").GetDouble());
        Assert.Equal(expected.BindingScenarios.Select(b => b.ScenarioId), result.GetProperty("bindingScenarios").EnumerateArray().Select(b => b.GetProperty("scenarioId").GetString()));
        Assert.Equal(expected.Diagnostics.Select(d => d.Code), result.GetProperty("diagnostics").EnumerateArray().Select(d => d.GetProperty("code").GetString()));
    }

    [Fact]
    public void The_positions_csv_margins_like_the_portfolio_json()
    {
        CliRun fromJson = Tool.Run([.. Files, "--format", "json"]);
        CliRun fromCsv = Tool.Run("margin", "examples/positions.csv", "--market", "examples/market.json", "--format", "json");
        Assert.True(fromCsv.ExitCode == 0, fromCsv.ToString());
        Assert.Equal(fromJson.Json.GetProperty("result").GetRawText(), fromCsv.Json.GetProperty("result").GetRawText());
    }

    [Fact]
    public void Csv_has_a_total_row_and_one_row_per_position_that_sum_to_it()
    {
        CliRun run = Tool.Run([.. Files, "--format", "csv"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        IReadOnlyList<string[]> rows = run.Csv;
        Assert.Equal(["row", "position_index", "label", "group", "quantity", "contract_size", "initial_margin", "maintenance_margin", "currency"], rows[0]);
        MarginResult expected = Library.Grid.Calculate(Library.Book);
        Assert.Equal("total", rows[1][0]);
        Assert.Equal(expected.InitialMargin, double.Parse(rows[1][6], CultureInfo.InvariantCulture));
        string[][] positions = [.. rows.Skip(2)];
        Assert.Equal(Library.Book.Count, positions.Length);
        Assert.Equal(expected.InitialMargin, positions.Sum(r => double.Parse(r[6], CultureInfo.InvariantCulture)), 1e-9 * expected.InitialMargin);
        Assert.Equal(expected.MaintenanceMargin, positions.Sum(r => double.Parse(r[7], CultureInfo.InvariantCulture)), 1e-9 * expected.MaintenanceMargin);
        Assert.Equal("-19000", positions[1][4]);
        Assert.Equal("10", positions[1][5]);
    }

    [Fact]
    public void Text_shows_totals_breakdown_binding_scenarios_and_top_contributors_with_contract_sizes()
    {
        CliRun run = Tool.Run([.. Files, "--top", "3"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        MarginResult expected = Library.Grid.Calculate(Library.Book);
        string initialLine = run.Output.Split('\n').Single(l => l.StartsWith("Initial margin", StringComparison.Ordinal));
        Assert.Contains(expected.InitialMargin.ToString("N2", CultureInfo.InvariantCulture) + "  USD", initialLine, StringComparison.Ordinal);
        Assert.Contains("BTC/scan risk", run.Output, StringComparison.Ordinal);
        Assert.Contains("Binding scenario per risk group", run.Output, StringComparison.Ordinal);
        Assert.Contains("Top 3 of 9 contributions", run.Output, StringComparison.Ordinal);
        Assert.Contains("contract size", run.Output, StringComparison.Ordinal);
        Assert.Contains("IM/MM 1.25 (default; --im-ratio)", run.Output, StringComparison.Ordinal);
        Assert.Empty(run.Error);
    }

    [Fact]
    public void A_VaR_report_says_it_is_a_one_day_figure()
    {
        CliRun run = Tool.Run([.. Files, "--model", "var", "--params", "examples/var.json"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("a 1-day VaR at 99 %", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_im_ratio_option_scales_the_preset_initial_margin()
    {
        CliRun run = Tool.Run([.. Files, "--im-ratio", "1.5", "--format", "json"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        var grid = new ScenarioGridModel(GridPresets.DeribitStyle(["BTC", "ETH"], initialToMaintenance: 1.5));
        Assert.Equal(grid.Calculate(Library.Book).InitialMargin, run.Json.GetProperty("result").GetProperty("initialMargin").GetDouble());
    }
}
