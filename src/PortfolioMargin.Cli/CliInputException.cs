namespace PortfolioMargin.Cli;

/// <summary>Bad input found by the tool itself (a file that does not exist, options that do not fit together); exit code 2.</summary>
internal sealed class CliInputException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, naming the file or option, and what was expected.</param>
    public CliInputException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the library's exception inside.</summary>
    /// <param name="message">What is wrong, naming the file or option.</param>
    /// <param name="innerException">The underlying exception.</param>
    public CliInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public CliInputException()
        : base("bad input")
    {
    }
}
