using PortfolioMargin.Models.SpanFiles;

namespace PortfolioMargin.Serialization;

/// <summary>A SPAN risk-parameter file is malformed: the message names the element path and the line.</summary>
public sealed class SpanFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="elementPath">The element path, e.g. <c>spanFile/pointInTime/clearingOrg/exchange/futPf/fut/ra</c>.</param>
    /// <param name="lineNumber">1-based line of the element (0 when unknown).</param>
    /// <param name="linePosition">1-based column of the element (0 when unknown).</param>
    /// <param name="problem">What is wrong and what was expected.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public SpanFormatException(string elementPath, int lineNumber, int linePosition, string problem, Exception? innerException = null)
        : base(Format(elementPath, lineNumber, linePosition, problem), innerException)
    {
        ElementPath = elementPath;
        LineNumber = lineNumber;
        LinePosition = linePosition;
    }

    /// <summary>Creates the exception with a plain message (no path or line).</summary>
    public SpanFormatException()
        : this(string.Empty, 0, 0, "malformed SPAN file")
    {
    }

    /// <summary>Creates the exception with a plain message (no path or line).</summary>
    /// <param name="message">The message.</param>
    public SpanFormatException(string message)
        : this(string.Empty, 0, 0, message)
    {
    }

    /// <summary>Creates the exception with a plain message and an inner exception (no path or line).</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The underlying exception.</param>
    public SpanFormatException(string message, Exception innerException)
        : this(string.Empty, 0, 0, message, innerException)
    {
    }

    /// <summary>The element path where the problem was found (empty when unknown).</summary>
    public string ElementPath { get; }

    /// <summary>1-based line number of the offending element (0 when unknown).</summary>
    public int LineNumber { get; }

    /// <summary>1-based column of the offending element (0 when unknown).</summary>
    public int LinePosition { get; }

    private static string Format(string path, int line, int position, string problem) =>
        path.Length == 0 && line == 0
            ? problem
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"SPAN file, element {path} (line {line}, position {position}): {problem}");
}

/// <summary>Throw helpers for the SPAN reader and calculator, so hot paths stay small.</summary>
internal static class SpanThrow
{
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public static void Format(string path, int line, int position, string problem, Exception? inner = null) =>
        throw new SpanFormatException(path, line, position, problem, inner);


    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public static void Argument(string paramName, string message) => throw new ArgumentException(message, paramName);

}
