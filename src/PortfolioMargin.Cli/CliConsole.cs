namespace PortfolioMargin.Cli;

/// <summary>
/// Where the tool writes and how relative paths resolve: the process console for the installed tool, string writers
/// for tests that run it in-process. Immutable.
/// </summary>
/// <param name="Output">Standard output: the report (text, JSON or CSV).</param>
/// <param name="Error">Standard error: error messages and the progress bar.</param>
/// <param name="IsOutputRedirected">True when standard output goes to a file or a pipe (<see cref="Console.IsOutputRedirected"/>).</param>
/// <param name="IsErrorRedirected">True when standard error goes to a file or a pipe.</param>
/// <param name="BaseDirectory">Directory relative file paths are resolved against.</param>
internal sealed record CliConsole(TextWriter Output, TextWriter Error, bool IsOutputRedirected, bool IsErrorRedirected, string BaseDirectory)
{
    /// <summary>The process console and current directory.</summary>
    public static CliConsole FromProcess() =>
        new(Console.Out, Console.Error, Console.IsOutputRedirected, Console.IsErrorRedirected, Environment.CurrentDirectory);

    /// <summary>True when a progress bar may be drawn: both output and error go to a terminal.</summary>
    public bool ProgressAllowed => !IsOutputRedirected && !IsErrorRedirected;

    /// <summary>The full path of <paramref name="path"/> relative to <see cref="BaseDirectory"/>.</summary>
    public string Resolve(string path) => Path.GetFullPath(path, BaseDirectory);
}
