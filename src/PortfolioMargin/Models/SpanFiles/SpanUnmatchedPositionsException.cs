namespace PortfolioMargin.Models.SpanFiles;

/// <summary>Positions that match no contract of the SPAN file; the message lists every one of them.</summary>
public sealed class SpanUnmatchedPositionsException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="unmatched">One description per unmatched position (label and reason).</param>
    public SpanUnmatchedPositionsException(IReadOnlyList<string> unmatched)
        : base(BuildMessage(unmatched ?? throw new ArgumentNullException(nameof(unmatched))), "positions")
    {
        Unmatched = [.. unmatched];
    }

    /// <summary>Creates the exception with a plain message.</summary>
    public SpanUnmatchedPositionsException()
        : this(Array.Empty<string>())
    {
    }

    /// <summary>Creates the exception with a plain message.</summary>
    /// <param name="message">The message.</param>
    public SpanUnmatchedPositionsException(string message)
        : base(message)
    {
        Unmatched = [];
    }

    /// <summary>Creates the exception with a plain message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The underlying exception.</param>
    public SpanUnmatchedPositionsException(string message, Exception innerException)
        : base(message, innerException)
    {
        Unmatched = [];
    }

    /// <summary>Each unmatched position, described with the reason it did not match.</summary>
    public IReadOnlyList<string> Unmatched { get; }

    private static string BuildMessage(IReadOnlyList<string> unmatched) =>
        $"{unmatched.Count} position(s) match no contract of the SPAN file: " + string.Join("; ", unmatched);
}
