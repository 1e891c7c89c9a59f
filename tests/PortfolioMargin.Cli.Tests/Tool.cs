using System.Text.Json;

namespace PortfolioMargin.Cli.Tests;

/// <summary>The outcome of one in-process run of the tool.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Output">What it wrote to standard output.</param>
/// <param name="Error">What it wrote to standard error.</param>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    /// <summary>Standard output parsed as JSON (for <c>--format json</c>).</summary>
    public JsonElement Json => JsonDocument.Parse(Output).RootElement.Clone();

    /// <summary>Standard output as CSV rows (no quoted line breaks in the tool's CSV for these inputs).</summary>
    public IReadOnlyList<string[]> Csv => [.. Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(CsvLine.Split)];

    /// <inheritdoc />
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}

/// <summary>Runs the tool in-process from the repository root, output and error redirected to strings.</summary>
public static class Tool
{
    /// <summary>The repository root (the folder holding PortfolioMargin.sln).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Runs <c>portfolio-margin args</c> with the repository root as the current directory.</summary>
    public static CliRun Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CliApp.Run(args, new CliConsole(output, error, IsOutputRedirected: true, IsErrorRedirected: true, Root));
        return new CliRun(code, output.ToString(), error.ToString());
    }

    /// <summary>A path under the repository root.</summary>
    public static string PathOf(string relative) => Path.Combine(Root, relative);

    private static string FindRoot()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "PortfolioMargin.sln")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException($"PortfolioMargin.sln not found above {AppContext.BaseDirectory}.");
    }
}
