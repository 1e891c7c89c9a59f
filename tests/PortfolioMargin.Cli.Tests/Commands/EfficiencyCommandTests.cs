using System.Globalization;
using System.Text.Json;
using PortfolioMargin.Cli.Commands;
using PortfolioMargin.Cli.Progress;
using PortfolioMargin.Models;
using Xunit;

namespace PortfolioMargin.Cli.Tests.Commands;

/// <summary><c>efficiency</c> equals <see cref="EfficiencyReport.Compute"/> on the same book and model.</summary>
public sealed class EfficiencyCommandTests
{
    [Theory]
    [InlineData("grid", null)]
    [InlineData("var", "examples/var.json")]
    [InlineData("isolated", null)]
    public void Json_equals_the_library_efficiency_report(string model, string? parameters)
    {
        CliRun run = Tool.Run(["efficiency", "examples/book.json", "--market", "examples/market.json", "--model", model,
            .. parameters is null ? Array.Empty<string>() : ["--params", parameters], "--format", "json"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        EfficiencyReport expected = EfficiencyReport.Compute(Library.Model(model), Library.Book);
        JsonElement json = run.Json;
        Assert.Equal("portfoliomargin/efficiency-report", json.GetProperty("format").GetString());
        JsonElement total = json.GetProperty("total");
        Assert.Equal(expected.Total.PortfolioMargin, total.GetProperty("portfolioMargin").GetDouble());
        Assert.Equal(expected.Total.StandaloneSum, total.GetProperty("standaloneSum").GetDouble());
        Assert.Equal(expected.Total.CapitalFreed, total.GetProperty("capitalFreed").GetDouble());
        Assert.Equal(expected.Total.Efficiency, total.GetProperty("efficiency").GetDouble());
        Assert.Equal(expected.Groups.Select(g => g.Group), json.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("group").GetString()));
        Assert.Equal(expected.StandaloneInitial, json.GetProperty("standaloneInitial").EnumerateArray().Select(x => x.GetDouble()));
    }

    [Fact]
    public void Csv_has_one_row_per_group_then_the_total()
    {
        CliRun run = Tool.Run("efficiency", "examples/positions.csv", "--market", "examples/market.json", "--format", "csv");
        Assert.True(run.ExitCode == 0, run.ToString());
        EfficiencyReport expected = EfficiencyReport.Compute(Library.Grid, Library.Book);
        IReadOnlyList<string[]> rows = run.Csv;
        Assert.Equal(["group", "portfolio_margin", "standalone_sum", "capital_freed", "efficiency", "currency"], rows[0]);
        Assert.Equal(["BTC", "ETH", "TOTAL"], rows.Skip(1).Select(r => r[0]));
        Assert.Equal(expected.Total.Efficiency, double.Parse(rows[^1][4], CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_per_position_loop_used_for_models_without_a_standalone_path_equals_the_library()
    {
        // A model that is not IStandaloneMarginModel takes the tool's loop (with progress); the library's fallback is the reference.
        var plain = new PlainModel(Library.Grid);
        EfficiencyReport tool = EfficiencyCommand.Compute(plain, Library.Book, NoProgress.Instance);
        EfficiencyReport library = EfficiencyReport.Compute(plain, Library.Book);
        Assert.Equal(library.StandaloneInitial, tool.StandaloneInitial);
        Assert.Equal(library.Total, tool.Total);
    }

    /// <summary>Wraps a model, hiding its standalone fast path.</summary>
    private sealed class PlainModel(IMarginModel inner) : IMarginModel
    {
        public string Name => inner.Name;

        public MarginResult Calculate(Portfolios.ResolvedPortfolio portfolio) => inner.Calculate(portfolio);
    }
}
