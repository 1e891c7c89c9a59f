using System.Text.Json;
using PortfolioMargin.Cli.Output;
using Xunit;

namespace PortfolioMargin.Cli.Tests.Reports;

/// <summary>The JSON reports and CSV tables are the ones docs/cli.md describes (schema version 1).</summary>
public sealed class ReportSchemaTests
{
    public static TheoryData<string, string[]> Reports => new()
    {
        { "portfoliomargin/margin-report", ["margin", "examples/book.json", "--market", "examples/market.json"] },
        { "portfoliomargin/efficiency-report", ["efficiency", "examples/book.json", "--market", "examples/market.json"] },
        { "portfoliomargin/whatif-report", ["whatif", "examples/book.json", "--market", "examples/market.json", "--orders", "examples/orders.csv"] },
        { "portfoliomargin/stress-report", ["stress", "examples/book.json", "--market", "examples/market.json"] },
        { "portfoliomargin/validation-report", ["validate", "examples/book.json", "examples/positions.csv", "--market", "examples/market.json"] },
    };

    private static readonly string Docs = File.ReadAllText(Tool.PathOf("docs/cli.md"));

    [Theory]
    [MemberData(nameof(Reports))]
    public void Every_json_field_of_a_report_is_documented(string format, string[] args)
    {
        CliRun run = Tool.Run([.. args, "--format", "json"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        JsonElement json = run.Json;
        Assert.Equal(format, json.GetProperty("format").GetString());
        Assert.Equal(ReportJson.Version, json.GetProperty("version").GetInt32());
        Assert.Contains($"`{format}`", Docs, StringComparison.Ordinal);
        var names = new SortedSet<string>(StringComparer.Ordinal);
        Collect(json, names);
        string[] undocumented = [.. names.Where(n => !Docs.Contains($"`{n}`", StringComparison.Ordinal) && !Docs.Contains($"`{n}[]`", StringComparison.Ordinal))];
        Assert.True(undocumented.Length == 0, $"{format}: fields not in docs/cli.md: {string.Join(", ", undocumented)}");
    }

    [Theory]
    [MemberData(nameof(Reports))]
    public void The_csv_header_is_the_documented_one(string format, string[] args)
    {
        CliRun run = Tool.Run([.. args, "--format", "csv"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        string header = run.Output.Split('\n')[0];
        Assert.True(Docs.Contains($"`{header}`", StringComparison.Ordinal), $"{format}: CSV header {header} not in docs/cli.md");
    }

    private static void Collect(JsonElement e, SortedSet<string> names)
    {
        if (e.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty p in e.EnumerateObject())
            {
                names.Add(p.Name);
                Collect(p.Value, names);
            }
        }
        else if (e.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement x in e.EnumerateArray())
            {
                Collect(x, names);
            }
        }
    }
}
