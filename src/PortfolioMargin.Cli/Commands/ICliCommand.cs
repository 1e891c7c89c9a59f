using System.CommandLine;

namespace PortfolioMargin.Cli.Commands;

/// <summary>
/// One command of the tool: its System.CommandLine definition with the action that runs it, and the examples
/// <c>--help</c> shows. <see cref="CommandRegistry"/> lists them; a new command is one class and one entry there.
/// </summary>
internal interface ICliCommand
{
    /// <summary>The command name, e.g. <c>margin</c>.</summary>
    string Name { get; }

    /// <summary>Command lines <c>--help</c> shows under "Examples:", run from the repository root on <c>examples/</c>.</summary>
    IReadOnlyList<string> Examples { get; }

    /// <summary>Builds the command; its action writes to <paramref name="console"/> in the format of <paramref name="format"/>.</summary>
    /// <param name="console">Output, error and the base directory.</param>
    /// <param name="format">The root's recursive <c>--format</c> option.</param>
    /// <returns>The command with its action set.</returns>
    Command Build(CliConsole console, Option<string> format);
}
