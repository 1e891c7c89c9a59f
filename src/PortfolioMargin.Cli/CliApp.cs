using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using PortfolioMargin.Cli.Commands;

namespace PortfolioMargin.Cli;

/// <summary>
/// The tool: builds the command tree from <see cref="CommandRegistry"/>, parses the arguments and runs the command.
/// Exit code 0 on success, 2 on bad input (a command-line error, or a file, option or combination the tool or the
/// library rejects; the message names the file, JSON path or CSV column and line), 1 on an internal error. No stack
/// trace is ever printed.
/// </summary>
internal static class CliApp
{
    /// <summary>The command name of the installed tool.</summary>
    public const string ToolName = "portfolio-margin";

    /// <summary>Runs the tool on <paramref name="args"/>, writing to <paramref name="console"/>.</summary>
    /// <returns>The exit code (<see cref="ExitCodes"/>).</returns>
    public static int Run(string[] args, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        RootCommand root = BuildRoot(console);
        ParseResult parse = root.Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            foreach (System.CommandLine.Parsing.ParseError e in parse.Errors)
            {
                console.Error.WriteLine($"{ToolName}: {e.Message}");
            }

            string command = parse.CommandResult.Command is RootCommand ? "" : " " + parse.CommandResult.Command.Name;
            console.Error.WriteLine($"Run '{ToolName}{command} --help' for the options and examples.");
            return ExitCodes.BadInput;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = console.Output, Error = console.Error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (BadInputMessage(e) is { } message)
        {
            console.Error.WriteLine($"{ToolName}: error: {message}");
            return ExitCodes.BadInput;
        }
#pragma warning disable CA1031 // The tool's last line of defence: report any other exception without a stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            console.Error.WriteLine($"{ToolName}: internal error ({e.GetType().Name}): {e.Message}");
            console.Error.WriteLine("This is a bug in the tool or the library; please report it with the command line and input files.");
            return ExitCodes.InternalError;
        }
    }

    /// <summary>
    /// The message to print for bad input, or null when <paramref name="e"/> is not bad input. Bad input is what the
    /// tool or the library rejects about the user's files and options: the tool's own <see cref="CliInputException"/>
    /// (which carries the library's message with the file name in front), the library's file and market-data
    /// exceptions, and an <see cref="ArgumentException"/> from a domain constructor (inputs that do not fit together).
    /// </summary>
    public static string? BadInputMessage(Exception e) => e switch
    {
        CliInputException or Serialization.MarginFileException or MarketData.MissingMarketDataException or Serialization.SpanFormatException => e.Message,
        ArgumentNullException => null,
        ArgumentException => e.Message,
        _ => null,
    };

    /// <summary>The root command with every command of the registry, <c>--format</c>, and help with examples.</summary>
    public static RootCommand BuildRoot(CliConsole console)
    {
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output: text (aligned, for people), json (one document; schema 'format' and 'version', docs/cli.md) or csv (one table).",
            DefaultValueFactory = _ => "text",
            Recursive = true,
            HelpName = "text|json|csv",
        };
        format.AcceptOnlyFromAmong(StringComparer.OrdinalIgnoreCase, "text", "json", "csv");
        var root = new RootCommand("portfolio-margin: margin a book of spot, futures, perpetuals and options from files (PortfolioMargin library).");
        root.Add(format);
        var examples = new Dictionary<Command, IReadOnlyList<string>>
        {
            [root] =
            [
                "portfolio-margin margin examples/book.json --market examples/market.json",
                "portfolio-margin validate examples/book.json examples/positions.csv --market examples/market.json",
                "portfolio-margin margin --help",
            ],
        };
        foreach (ICliCommand c in CommandRegistry.All)
        {
            Command command = c.Build(console, format);
            root.Add(command);
            examples[command] = c.Examples;
        }

        HelpOption help = root.Options.OfType<HelpOption>().Single();
        if (help.Action is HelpAction helpAction)
        {
            help.Action = new HelpWithExamplesAction(helpAction, examples);
        }

        return root;
    }
}
