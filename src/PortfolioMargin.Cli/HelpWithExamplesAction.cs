using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace PortfolioMargin.Cli;

/// <summary>
/// <c>--help</c>: System.CommandLine's help for the command, then its examples (and, for the root, the exit codes and
/// where the docs are).
/// </summary>
/// <param name="inner">The library's help action.</param>
/// <param name="examples">Example command lines per command.</param>
internal sealed class HelpWithExamplesAction(HelpAction inner, IReadOnlyDictionary<Command, IReadOnlyList<string>> examples) : SynchronousCommandLineAction
{
    /// <summary>Help is shown even when the rest of the command line has errors (as the library's help does).</summary>
    public override bool ClearsParseErrors => true;

    /// <inheritdoc />
    public override int Invoke(ParseResult parseResult)
    {
        int code = inner.Invoke(parseResult);
        TextWriter output = parseResult.InvocationConfiguration.Output;
        Command command = parseResult.CommandResult.Command;
        if (examples.TryGetValue(command, out IReadOnlyList<string>? lines) && lines.Count > 0)
        {
            output.WriteLine("Examples (from the repository root, on the files in examples/):");
            foreach (string line in lines)
            {
                output.WriteLine("  " + line);
            }

            output.WriteLine();
        }

        if (command is RootCommand)
        {
            output.WriteLine("Exit codes: 0 success; 2 bad input (the message names the file, the JSON path or CSV column, and the line); 1 internal error.");
            output.WriteLine("Docs: docs/cli.md (commands, output formats and JSON schemas), docs/file-formats.md (input files).");
            output.WriteLine();
        }

        return code;
    }
}
