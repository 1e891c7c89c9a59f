using System.Text.Json;
using Xunit;

namespace PortfolioMargin.Cli.Tests.Commands;

/// <summary><c>validate</c> accepts every example file and reports every problem of bad ones, with file, path and line.</summary>
public sealed class ValidateCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pm-cli-validate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Every_example_file_is_valid()
    {
        string[] files = [.. Directory.GetFiles(Tool.PathOf("examples")).Where(f => !f.EndsWith(".md", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
        Assert.True(files.Length == 9, string.Join(", ", files));
        CliRun run = Tool.Run(["validate", .. files, "--market", "examples/market.json", "--format", "json"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        JsonElement json = run.Json;
        Assert.Equal("portfoliomargin/validation-report", json.GetProperty("format").GetString());
        Assert.True(json.GetProperty("valid").GetBoolean());
        string[] kinds = [.. json.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("kind").GetString()!)];
        Assert.Equal(
            ["market-snapshot", "portfolio", "span-file", "grid-parameters", "isolated-rates", "positions-csv", "positions-csv", "scenario-set", "var-parameters"],
            kinds);
    }

    [Fact]
    public void Every_bad_row_of_a_positions_csv_is_reported_with_its_line_and_column()
    {
        string csv = File.ReadAllText(Tool.PathOf("examples/positions.csv"))
            .Replace("110000,call", "11O000,call", StringComparison.Ordinal)
            .Replace("3000,put", "3000,putt", StringComparison.Ordinal)
            .Replace("perpetual,ETH,,,,,,25,", "perpetual,ETH,,,,,,25", StringComparison.Ordinal);
        string path = Write("bad.csv", csv);
        CliRun run = Tool.Run("validate", path, "--market", "examples/market.json", "--format", "json");
        Assert.Equal(2, run.ExitCode);
        JsonElement[] problems = [.. run.Json.GetProperty("files")[1].GetProperty("problems").EnumerateArray()];
        Assert.Equal([6L, 8L, 10L], problems.Select(p => p.GetProperty("line").GetInt64()));
        Assert.Contains("'11O000' is not a number", problems[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("strike", problems[0].GetProperty("location").GetString());
        Assert.Contains("expected 9 fields", problems[1].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("'putt'", problems[2].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("1 of 2 files have problems", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_json_field_is_reported_with_its_json_path_and_line()
    {
        string path = Write("book.json", File.ReadAllText(Tool.PathOf("examples/book.json")).Replace("\"quantity\": 1.5", "\"quantity\": \"1.5\"", StringComparison.Ordinal));
        CliRun run = Tool.Run("validate", path);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("BAD  " + path + ": portfolio, 1 problem", run.Output, StringComparison.Ordinal);
        Assert.Contains("Portfolio JSON at $.positions[2].quantity (line 15, byte 24)", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_position_lacking_market_data_is_reported()
    {
        // A market without ETH: the three ETH positions each lack a price; the BTC ones are fine.
        string market = File.ReadAllText(Tool.PathOf("examples/market.json"));
        var doc = System.Text.Json.Nodes.JsonNode.Parse(market)!;
        foreach (string list in new[] { "spots", "forwards", "volSurfaces" })
        {
            var array = doc[list]!.AsArray();
            foreach (var item in array.Where(i => (string?)i!["underlying"] == "ETH" || (string?)i!["symbol"] == "ETH").ToList())
            {
                array.Remove(item);
            }
        }

        string path = Write("market-btc.json", doc.ToJsonString());
        CliRun run = Tool.Run("validate", "examples/book.json", "--market", path, "--format", "json");
        Assert.Equal(2, run.ExitCode);
        JsonElement[] problems = [.. run.Json.GetProperty("files")[1].GetProperty("problems").EnumerateArray()];
        Assert.Equal(["$.positions[6]", "$.positions[7]", "$.positions[8]"], problems.Select(p => p.GetProperty("location").GetString()));
        Assert.All(problems, p => Assert.Contains("ETH", p.GetProperty("message").GetString(), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{ \"format\": \"portfoliomargin/unknown\", \"version\": 1 }", "unknown document format \"portfoliomargin/unknown\"")]
    [InlineData("{ \"version\": 1 }", "no \"format\" field")]
    [InlineData("{ \"format\": ", "not valid JSON (line 1")]
    [InlineData("[1, 2]", "not a JSON object")]
    public void A_file_of_unknown_kind_says_why(string content, string expected)
    {
        string path = Write("x.json", content);
        CliRun run = Tool.Run("validate", path, "--format", "csv");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(["file", "kind", "valid", "location", "line", "position", "message"], run.Csv[0]);
        Assert.Equal("unknown", run.Csv[1][1]);
        Assert.Contains(expected, run.Csv[1][6], StringComparison.Ordinal);
    }

    [Fact]
    public void A_market_option_that_is_not_a_market_snapshot_is_a_problem()
    {
        CliRun run = Tool.Run("validate", "examples/positions.csv", "--market", "examples/book.json");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("given as --market, but it is a portfolio document, not a market snapshot.", run.Output, StringComparison.Ordinal);
        Assert.Contains("give --market FILE", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_positions_csv_without_a_market_asks_for_one_and_a_missing_file_is_a_problem()
    {
        CliRun run = Tool.Run("validate", "examples/positions.csv", "examples/nothere.json");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("give --market FILE", run.Output, StringComparison.Ordinal);
        Assert.Contains("examples/nothere.json: unknown, 1 problem", run.Output, StringComparison.Ordinal);
        Assert.Contains("no such file", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_span_file_is_reported_with_its_element_and_line()
    {
        string text = File.ReadAllText(Tool.PathOf("examples/eix-synthetic.spn"));
        int cut = text.IndexOf("</spanFile>", StringComparison.Ordinal);
        string path = Write("cut.spn", text[..(cut / 2)]);
        CliRun run = Tool.Run("validate", path, "--format", "json");
        Assert.Equal(2, run.ExitCode);
        JsonElement problem = run.Json.GetProperty("files")[0].GetProperty("problems")[0];
        Assert.Equal("span-file", run.Json.GetProperty("files")[0].GetProperty("kind").GetString());
        Assert.True(problem.GetProperty("line").ValueKind is JsonValueKind.Number or JsonValueKind.Null);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("message").GetString()));
    }

    private string Write(string name, string content)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }
}
