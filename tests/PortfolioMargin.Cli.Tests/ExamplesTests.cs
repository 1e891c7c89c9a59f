using PortfolioMargin.Cli.Inputs;
using PortfolioMargin.Models.Grid;
using PortfolioMargin.Models.Isolated;
using PortfolioMargin.Serialization;
using QuickStart;
using Xunit;

namespace PortfolioMargin.Cli.Tests;

/// <summary>
/// The files in examples/ are the QuickStart's default book, market and models: each reads with the library to the
/// object built in code (compared through the library's canonical JSON, so formatting may differ).
/// </summary>
public sealed class ExamplesTests
{
    private static string Text(string name) => File.ReadAllText(Tool.PathOf("examples/" + name));

    [Fact]
    public void The_portfolio_json_is_the_default_book() =>
        Assert.Equal(PortfolioJson.ToJson(DefaultBook.Portfolio()), PortfolioJson.ToJson(PortfolioJson.Parse(Text("book.json"))));

    [Fact]
    public void The_positions_csv_is_the_default_book() =>
        Assert.Equal(PortfolioJson.ToJson(DefaultBook.Portfolio()),
            PortfolioJson.ToJson(PositionCsv.Read(new StringReader(Text("positions.csv")), DefaultBook.Market().Underlyings)));

    [Fact]
    public void The_market_snapshot_is_the_default_market() =>
        Assert.Equal(MarketSnapshotJson.ToJson(DefaultBook.Market()), MarketSnapshotJson.ToJson(MarketSnapshotJson.Parse(Text("market.json"))));

    [Fact]
    public void The_grid_parameters_are_the_deribit_preset_for_btc_and_eth() =>
        Assert.Equal(GridParametersJson.ToJson(GridPresets.DeribitStyle(["BTC", "ETH"], initialToMaintenance: 1.25)),
            GridParametersJson.ToJson(GridParametersJson.Parse(Text("grid-deribit.json"))));

    [Fact]
    public void The_var_parameters_are_the_quickstart_factors() =>
        Assert.Equal(VaRParametersJson.ToJson(Library.VaR), VaRParametersJson.ToJson(VaRParametersJson.Parse(Text("var.json"))));

    [Fact]
    public void The_isolated_rates_are_the_built_in_crypto_default() =>
        Assert.Equal(IsolatedRatesJson.ToJson(new IsolatedModel(IsolatedRates.CryptoDefault)), IsolatedRatesJson.ToJson(IsolatedRatesJson.Parse(Text("isolated-rates.json"))));

    [Fact]
    public void The_stress_scenarios_are_the_built_in_set_on_btc_and_eth()
    {
        Scenarios.ScenarioSet file = ScenarioSetJson.Parse(Text("stress-scenarios.json"));
        Scenarios.ScenarioSet builtIn = BuiltInStress.For(["BTC", "ETH"]);
        Assert.Equal(builtIn.Scenarios.Select(s => s.Id), file.Scenarios.Select(s => s.Id));
        // Same shocks; the names differ only in "others" (built-in) for "ETH" (file).
        Assert.Equal(
            ScenarioSetJson.ToJson(builtIn).Replace("others", "ETH", StringComparison.Ordinal).Replace("built-in crypto stress", "desk stress", StringComparison.Ordinal),
            ScenarioSetJson.ToJson(file));
    }

    [Fact]
    public void The_orders_file_holds_two_positions_on_the_book_underlyings()
    {
        Portfolios.Portfolio orders = PositionCsv.Read(new StringReader(Text("orders.csv")), DefaultBook.Market().Underlyings);
        Assert.Equal(["-2 BTC-26MAR27-110000-C-INV", "-10 ETH-PERP"], orders.Select(p => p.ToString()));
    }

    [Fact]
    public void The_span_file_is_the_samples_synthetic_file() =>
        Assert.Equal(File.ReadAllBytes(Tool.PathOf("samples/SpanFile/eix-synthetic.spn")), File.ReadAllBytes(Tool.PathOf("examples/eix-synthetic.spn")));

    [Fact]
    public void The_examples_readme_names_every_example_file()
    {
        string readme = Text("README.md");
        foreach (string file in Directory.GetFiles(Tool.PathOf("examples")).Select(f => Path.GetFileName(f)).Where(f => f != "README.md"))
        {
            Assert.Contains($"`{file}`", readme, StringComparison.Ordinal);
        }
    }
}
