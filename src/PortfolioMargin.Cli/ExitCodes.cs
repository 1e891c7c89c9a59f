namespace PortfolioMargin.Cli;

/// <summary>The tool's exit codes (documented in docs/cli.md).</summary>
internal static class ExitCodes
{
    /// <summary>The command ran and wrote its report (for <c>validate</c>: every file is valid).</summary>
    public const int Success = 0;

    /// <summary>A bug in the tool or the library: an unexpected exception (reported without a stack trace).</summary>
    public const int InternalError = 1;

    /// <summary>Bad input: a command-line error, a missing or unreadable file, a file the library rejects (with its file, path and line), market data missing for a position, or inputs that do not fit together.</summary>
    public const int BadInput = 2;
}
