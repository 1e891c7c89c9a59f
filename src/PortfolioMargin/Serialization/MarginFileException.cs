using System.Globalization;

namespace PortfolioMargin.Serialization;

/// <summary>
/// A portfolio-margin file (JSON document or positions CSV) is malformed, exceeds an input limit, or holds a value the
/// domain rejects. The message names the document, where the problem is and what was expected, e.g.
/// <c>Portfolio JSON at $.instruments[1].strike (line 14, byte 17): Option on 'BTC': strike must be a finite number &gt; 0, got -5.</c>
/// </summary>
/// <remarks>Thrown by every reader in <c>PortfolioMargin.Serialization</c>; the inner exception, when there is one, is the
/// <see cref="System.Text.Json.JsonException"/> or the domain's <see cref="ArgumentException"/>.</remarks>
public sealed class MarginFileException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="document">What was being read, e.g. <c>Portfolio JSON</c> or <c>Positions CSV</c>.</param>
    /// <param name="path">JSON path of the offending value (<c>$.positions[3].quantity</c>) or CSV column name; null when the problem is the whole document.</param>
    /// <param name="lineNumber">1-based line of the offending value; null when unknown.</param>
    /// <param name="bytePositionInLine">1-based byte (JSON) or character (CSV) position of the value in its line; null when unknown.</param>
    /// <param name="column">1-based CSV field number; null for JSON.</param>
    /// <param name="problem">What is wrong and what was expected.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public MarginFileException(string document, string? path, long? lineNumber, long? bytePositionInLine, int? column, string problem, Exception? innerException = null)
        : base(Format(document, path, lineNumber, bytePositionInLine, column, problem), innerException)
    {
        Document = document;
        Path = path;
        LineNumber = lineNumber;
        BytePositionInLine = bytePositionInLine;
        Column = column;
        Problem = problem;
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public MarginFileException()
        : this("malformed portfolio-margin file")
    {
    }

    /// <summary>Creates the exception with a plain message (no location).</summary>
    /// <param name="message">The message.</param>
    public MarginFileException(string message)
        : base(message)
    {
        Document = string.Empty;
        Problem = message;
    }

    /// <summary>Creates the exception with a plain message (no location) and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The underlying exception.</param>
    public MarginFileException(string message, Exception innerException)
        : base(message, innerException)
    {
        Document = string.Empty;
        Problem = message;
    }

    /// <summary>What was being read, e.g. <c>Portfolio JSON</c>; empty when unknown.</summary>
    public string Document { get; }

    /// <summary>JSON path of the offending value, e.g. <c>$.positions[3].quantity</c>, or the CSV column name; null when the problem concerns the whole document.</summary>
    public string? Path { get; }

    /// <summary>1-based line number of the offending value; null when unknown.</summary>
    public long? LineNumber { get; }

    /// <summary>1-based position of the offending value in its line: bytes of UTF-8 for JSON, characters for CSV; null when unknown.</summary>
    public long? BytePositionInLine { get; }

    /// <summary>1-based CSV field number; null for JSON.</summary>
    public int? Column { get; }

    /// <summary>The problem alone, without the document and location.</summary>
    public string Problem { get; }

    private static string Format(string document, string? path, long? line, long? position, int? column, string problem)
    {
        var where = new List<string>(3);
        if (line is { } l)
        {
            where.Add(string.Create(CultureInfo.InvariantCulture, $"line {l}"));
        }

        if (column is { } c)
        {
            where.Add(string.Create(CultureInfo.InvariantCulture, $"column {c}{(path is null ? "" : $" '{path}'")}"));
        }
        else if (position is { } p)
        {
            where.Add(string.Create(CultureInfo.InvariantCulture, $"byte {p}"));
        }

        string at = column is null && path is not null ? $" at {path}" : "";
        string location = where.Count == 0 ? "" : $" ({string.Join(", ", where)})";
        return $"{document}{at}{location}: {problem}";
    }
}
