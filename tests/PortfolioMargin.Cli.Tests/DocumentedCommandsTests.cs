using System.Text.RegularExpressions;
using Xunit;

namespace PortfolioMargin.Cli.Tests;

/// <summary>Every <c>portfolio-margin …</c> command line in the README and the docs runs as documented (from the repository root).</summary>
public sealed partial class DocumentedCommandsTests
{
    public static TheoryData<string, string> CommandLines()
    {
        var data = new TheoryData<string, string>();
        foreach (string doc in new[] { "README.md", "docs/getting-started.md", "docs/cli.md", "examples/README.md", "src/PortfolioMargin.Cli/README.md" })
        {
            string text = File.ReadAllText(Tool.PathOf(doc));
            foreach (Match block in ShellBlock().Matches(text))
            {
                foreach (string line in block.Groups[1].Value.Split('\n').Select(l => l.Trim()))
                {
                    // A line ending in "# exit 2" documents a failing run; "--help" lines and installs are covered elsewhere.
                    if (line.StartsWith("portfolio-margin ", StringComparison.Ordinal))
                    {
                        data.Add(doc, line);
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CommandLines))]
    public void The_documented_command_line_runs_with_the_documented_exit_code(string doc, string line)
    {
        int hash = line.IndexOf(" #", StringComparison.Ordinal);
        string command = hash < 0 ? line : line[..hash];
        int expected = hash >= 0 && line[hash..].Contains("exit 2", StringComparison.Ordinal) ? 2 : 0;
        CliRun run = Tool.Run(CommandLine.Split(command)[1..]);
        Assert.True(run.ExitCode == expected, $"{doc}: {line}\n{run}");
    }

    [Fact]
    public void The_docs_show_the_tool_on_the_examples()
    {
        Assert.True(CommandLines().Count >= 10, $"only {CommandLines().Count} documented command lines");
    }

    [GeneratedRegex(@"```(?:bash|sh|console|shell)\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShellBlock();
}
