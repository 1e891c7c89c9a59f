using System.CommandLine;
using PortfolioMargin.Cli.Inputs;
using PortfolioMargin.Cli.Output;
using PortfolioMargin.Cli.Progress;

namespace PortfolioMargin.Cli.Commands;

/// <summary>What one run of a command works with: the console, the output format, progress and the file readers.</summary>
/// <param name="Console">Output, error and the base directory.</param>
/// <param name="Format">The <c>--format</c> chosen.</param>
/// <param name="Progress">A bar on standard error when neither output nor error is redirected, else nothing.</param>
internal sealed record CommandContext(CliConsole Console, OutputFormat Format, IProgressSink Progress)
{
    /// <summary>Reads input files, reporting progress.</summary>
    public InputFiles Files { get; } = new(Console, Progress);

    /// <summary>The context for one invocation.</summary>
    public static CommandContext Create(CliConsole console, ParseResult parse, Option<string> format)
    {
        OutputFormat f = (parse.GetValue(format) ?? "text").ToUpperInvariant() switch
        {
            "JSON" => OutputFormat.Json,
            "CSV" => OutputFormat.Csv,
            _ => OutputFormat.Text,
        };
        IProgressSink progress = console.ProgressAllowed ? new ConsoleProgressBar(console.Error) : NoProgress.Instance;
        return new CommandContext(console, f, progress);
    }

    /// <summary>Writes <paramref name="report"/> in the chosen format.</summary>
    public void Write(IReport report)
    {
        Progress.Done();
        switch (Format)
        {
            case OutputFormat.Json:
                report.WriteJson(Console.Output);
                break;
            case OutputFormat.Csv:
                report.WriteCsv(new CsvTable(Console.Output));
                break;
            default:
                report.WriteText(Console.Output);
                break;
        }

        Console.Output.Flush();
    }
}
