using PortfolioMargin.Cli.Commands;
using Xunit;

namespace PortfolioMargin.Cli.Tests;

/// <summary>Exit codes, error messages without stack traces, and help with an example per command.</summary>
public sealed class CliAppTests
{
    public static TheoryData<string[], string> BadInput => new()
    {
        { ["margin", "examples/nothere.json", "--market", "examples/market.json"], "examples/nothere.json: no such file" },
        { ["margin", "examples/book.json"], "Option '--market' is required." },
        { ["margin", "examples/book.json", "--market", "examples/market.json", "--format", "xml"], "Argument 'xml' not recognized" },
        { ["margin", "examples/book.json", "--market", "examples/market.json", "--model", "span"], "Argument 'span' not recognized" },
        { ["margin", "examples/book.json", "--market", "examples/book.json"], "examples/book.json: Market snapshot JSON at $.format (line 2, byte 13): this is a \"portfoliomargin/portfolio\" document" },
        { ["margin", "examples/book.json", "--market", "examples/market.json", "--model", "var"], "--params: the var model needs a VaR-parameters file" },
        { ["margin", "examples/book.json", "--market", "examples/market.json", "--preset", "okx"], "unknown grid preset 'okx'" },
        { ["margin", "examples/book.json", "--market", "examples/market.json", "--im-ratio", "0.5"], "--im-ratio: the IM/MM ratio must be a finite number >= 1" },
        { ["margin", "examples/book.json", "--market", "examples/market.json", "--params", "examples/grid-deribit.json", "--im-ratio", "2"], "leave --im-ratio out" },
        { ["margin", "examples/book.json", "--market", "examples/market.json", "--model", "isolated", "--preset", "deribit"], "the isolated model has no presets" },
        { ["margin", "examples/book.json", "--market", "examples/market.json", "--model", "var", "--params", "examples/grid-deribit.json"], "examples/grid-deribit.json: VaR parameters JSON at $.format (line 2, byte 13): this is a \"portfoliomargin/grid-parameters\" document" },
        { ["margin", "examples/book.json", "--market", "examples/market.json", "--top", "-1"], "--top must be 0 or more." },
        { ["frobnicate"], "Unrecognized command or argument 'frobnicate'" },
        { [], "Required command was not provided." },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public void Bad_input_exits_with_2_and_the_message_without_a_stack_trace(string[] args, string expected)
    {
        CliRun run = Tool.Run(args);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Output);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_grid_parameter_file_missing_a_group_of_the_book_names_the_group()
    {
        string dir = Directory.CreateTempSubdirectory("pm-cli-").FullName;
        string path = Path.Combine(dir, "btc-only.json");
        File.WriteAllText(path, Serialization.GridParametersJson.ToJson(Models.Grid.GridPresets.DeribitStyle(["BTC"], 1.25)));
        CliRun run = Tool.Run("margin", "examples/book.json", "--market", "examples/market.json", "--params", path);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no risk group for 'ETH', which the book needs (the parameters have BTC)", run.Error, StringComparison.Ordinal);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void Market_data_missing_for_a_position_names_the_market_file_and_the_instrument()
    {
        string dir = Directory.CreateTempSubdirectory("pm-cli-").FullName;
        string path = Path.Combine(dir, "market.json");
        File.WriteAllText(path, File.ReadAllText(Tool.PathOf("examples/market.json")).Replace("\"2026-12-25T08:00:00Z\"", "\"2026-12-24T08:00:00Z\"", StringComparison.Ordinal));
        CliRun run = Tool.Run("margin", "examples/book.json", "--market", path);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(path + ": ", run.Error, StringComparison.Ordinal);
        Assert.Contains("BTC-25DEC26", run.Error, StringComparison.Ordinal);
        Directory.Delete(dir, recursive: true);
    }

    [Theory]
    [InlineData(typeof(InvalidOperationException), false)]
    [InlineData(typeof(NullReferenceException), false)]
    [InlineData(typeof(ArgumentNullException), false)]
    [InlineData(typeof(KeyNotFoundException), false)]
    [InlineData(typeof(ArgumentException), true)]
    [InlineData(typeof(ArgumentOutOfRangeException), true)]
    [InlineData(typeof(CliInputException), true)]
    [InlineData(typeof(Serialization.MarginFileException), true)]
    [InlineData(typeof(Serialization.SpanFormatException), true)]
    public void Only_input_errors_count_as_bad_input(Type type, bool badInput)
    {
        var e = (Exception)Activator.CreateInstance(type, "message")!;
        Assert.Equal(badInput, CliApp.BadInputMessage(e) is not null);
    }

    [Fact]
    public void Help_of_every_command_shows_its_examples_and_each_example_runs()
    {
        foreach (ICliCommand command in CommandRegistry.All)
        {
            CliRun help = Tool.Run(command.Name, "--help");
            Assert.True(help.ExitCode == 0, help.ToString());
            Assert.Contains("Examples (from the repository root", help.Output, StringComparison.Ordinal);
            Assert.NotEmpty(command.Examples);
            foreach (string example in command.Examples)
            {
                Assert.Contains(example, help.Output, StringComparison.Ordinal);
                CliRun run = Tool.Run(CommandLine.Split(example)[1..]);
                Assert.True(run.ExitCode == 0, $"{example}\n{run}");
            }
        }
    }

    [Fact]
    public void Help_of_the_tool_lists_the_commands_the_exit_codes_and_the_docs()
    {
        CliRun run = Tool.Run("--help");
        Assert.Equal(0, run.ExitCode);
        foreach (ICliCommand command in CommandRegistry.All)
        {
            Assert.Contains("  " + command.Name, run.Output, StringComparison.Ordinal);
        }

        Assert.Contains("Exit codes: 0 success; 2 bad input", run.Output, StringComparison.Ordinal);
        Assert.Contains("docs/cli.md", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_works_even_without_the_required_options()
    {
        CliRun run = Tool.Run("margin", "-h");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--market <file> (REQUIRED)", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_is_the_newest_released_version_of_the_changelog()
    {
        string changelog = File.ReadAllText(Tool.PathOf("docs/CHANGELOG.md"));
        string released = System.Text.RegularExpressions.Regex.Match(changelog, @"^## \[(\d+\.\d+\.\d+[^\]]*)\]", System.Text.RegularExpressions.RegexOptions.Multiline).Groups[1].Value;
        CliRun run = Tool.Run("--version");
        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", released);
        Assert.StartsWith(released, run.Output, StringComparison.Ordinal);
        Assert.Equal(released, typeof(Models.MarginResult).Assembly.GetName().Version!.ToString(3));
    }
}
